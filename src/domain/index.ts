// The rules of the system/tasks API that are not data: each lives in exactly one file here, and
// fixtures, the mock, the runner and pact import them from this folder.

export {
  CronMatcher,
  cronExpressionFor,
  fieldValues,
  hasOneDayField,
  MONTH_S,
  runIntervalSecondsFor,
  schedulePeriod,
} from './cron.js';
export type { DateStyle } from './dates.js';
export { dateStyleOf, dateValue, formatArcGISDate, toEpochMillis } from './dates.js';
export { checkRunInvariants, checkTaskInvariants, runInvariants, taskInvariants } from './invariants/index.js';
export type { Invariant, InvariantContext, InvariantViolation } from './invariants/types.js';
export { encryptPasscode, isStoredPasscode, STORED_PASSCODE } from './passcode.js';
export {
  PathTemplate,
  type PathTemplateOptions,
  type PlaceholderValue,
  serverPathOf,
  splitScheme,
} from './path-template.js';
export { RETENTION_UNIT_MS, retentionOffsetMs } from './retention.js';
export { isSecretField, isSecretHeader, MASK, SECRET_FIELDS, SECRET_HEADERS } from './secrets.js';
export {
  ARCGIS_LAYOUT,
  type DeploymentLayout,
  type DeploymentPaths,
  deploymentPaths,
  deploymentUrls,
  isTokenServer,
  tokenUrlFor,
  tokenUrlForPath,
} from './token-url.js';

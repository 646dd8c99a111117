// The rules of the system/tasks API that are not data: each lives in exactly one file here, and
// fixtures, the mock, the runner and pact import them from this folder.

export { cronExpressionFor, MONTH_S, runIntervalSecondsFor, schedulePeriod } from './cron.js';
export type { DateStyle, DateWriting } from './dates.js';
export {
  dateStyleOf,
  dateValue,
  describeDateWriting,
  formatArcGISDate,
  MAX_ZONE_OFFSET_MS,
  toEpochMillis,
} from './dates.js';
export { ERROR_MESSAGES, errorMessageOf, type KnownErrorCode } from './error-messages.js';
export {
  checkRunInvariants,
  checkTaskInvariants,
  type EmbeddedTaskMemo,
  runInvariants,
  taskInvariants,
} from './invariants/index.js';
export type { Invariant, InvariantContext, InvariantViolation } from './invariants/types.js';
export { encryptPasscode, isStoredPasscode, STORED_PASSCODE } from './passcode.js';
export {
  PathTemplate,
  type PathTemplateOptions,
  type PlaceholderValue,
  serverPathOf,
  splitScheme,
} from './path-template.js';
export {
  type CreatableTaskType,
  NEWEST_RELEASE,
  namedRelease,
  RELEASE_FACTS,
  RELEASES,
  type ReleaseFact,
  type ReleaseProfile,
  type ResolvedRelease,
  resolveRelease,
} from './releases.js';
export { RETENTION_UNIT_MS, retentionOffsetMs } from './retention.js';
export { hasOneDayField, QuartzSchedule, scheduleFieldValues } from './schedule.js';
export {
  IDENTIFYING_FIELDS,
  isSecretField,
  isSecretHeader,
  SECRET_FIELDS,
  SECRET_HEADERS,
} from './secrets.js';
export { clipToTaskDates, firingsOf, type TaskFirings } from './task-firings.js';
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

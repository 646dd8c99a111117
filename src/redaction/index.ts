// The one home of redaction: secrets masked in every encoding, each output with its stated mask.

export { formsOf, holdsSecret, SECRET_ENCODINGS, type SecretEncoding } from './encodings.js';
export { JOURNAL_MASK, journalRedactor, maskJournalField, maskJournalRequest } from './journal.js';
export { maskSecretMembers, maskSecretsInJsonText } from './json-members.js';
export {
  MASK,
  MIN_FREE_TEXT_SECRET_LENGTH,
  OUTPUT_MASKS,
  type Output,
  type OutputMask,
  REDACTED_STORED_PASSCODE,
  STORED_PREFIX,
} from './masks.js';
export { isSecretPath, maskAtPath, maskViolationMessage } from './position.js';
export { cookiePairs, type HeaderPair, headerPairs, Redactor, type RedactorOptions } from './redactor.js';
export { eachString, walkJson } from './walk.js';

import { isStoredPasscode } from '../domain/passcode.js';
import { isSecretField } from '../domain/secrets.js';
import { OUTPUT_MASKS, type Output } from './masks.js';

/** True when the last step of a JSON pointer or path (`/result/0/parameters/passcode`) names a secret field. */
export function isSecretPath(path: string): boolean {
  return isSecretField(path.split('/').pop() ?? '');
}

/**
 * A value as `output` shows it at `path`: the output's mask when the path ends in a secret field (a
 * stored passcode reads as `{crypt}********` in reports), the value itself elsewhere. Empty values stay.
 *
 * @example maskAtPath('/parameters/passcode', 'hunter22'); // '********'
 */
export function maskAtPath(path: string, value: unknown, output: Output = 'report'): unknown {
  if (!isSecretPath(path) || value === '') return value;
  return isStoredPasscode(value) ? OUTPUT_MASKS[output].storedPasscode : OUTPUT_MASKS[output].secret;
}

/**
 * A validator's message about the value at `pointer`, with the quoted value (`; got ...`) masked
 * when the pointer names a secret field: messages quote values, and a shortened quote would slip
 * past a redactor of whole values.
 */
export function maskViolationMessage(pointer: string, message: string, output: Output = 'report'): string {
  if (!isSecretPath(pointer)) return message;
  return message.replace(/; got .*?( \[variant [^\]]*\])?$/, `; got ${OUTPUT_MASKS[output].secret}$1`);
}

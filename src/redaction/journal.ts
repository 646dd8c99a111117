import { isSecretField } from '../domain/secrets.js';
import { maskSecretsInJsonText } from './json-members.js';
import { OUTPUT_MASKS } from './masks.js';
import { Redactor } from './redactor.js';

/** What a masked secret reads as in the mock's request journal (OUTPUT_MASKS.journal). */
export const JOURNAL_MASK = OUTPUT_MASKS.journal.secret;

/** A Redactor for the journal: `found` are the secrets one request carried (its token, password, passcodes). */
export function journalRedactor(found: Iterable<string>): Redactor {
  return new Redactor(found, { mask: 'journal' });
}

/**
 * One query or form field as the journal keeps it: a secret field masked (its value pushed to
 * `found`), JSON text with its secret members masked, anything else as it is (masked later, when
 * the entry is read, by maskJournalRequest).
 */
export function maskJournalField(name: string, value: string, found: string[]): string {
  if (isSecretField(name)) {
    if (value !== '') found.push(value);
    return JOURNAL_MASK;
  }
  return /^\s*[[{]/.test(value) ? maskSecretsInJsonText(value, found) : value;
}

/**
 * A journal entry (any JSON-like shape) with every secret masked, for the journal to call when an
 * entry is read: the secrets the request carried (`found`) in every encoding, secret members by
 * position, and secret values used as keys. The journal may keep raw references on its hot path and
 * mask once, here, when someone reads the entry.
 *
 * @example const shown = maskJournalRequest(entry, [token]);
 */
export function maskJournalRequest<T>(entry: T, found: Iterable<string>): T {
  return journalRedactor(found).redact(entry);
}

import { createHmac } from 'node:crypto';

/** The key pseudonyms are made with when none is given: the same id gives the same pseudonym in every recording. */
export const DEFAULT_ID_KEY = 'arcgis-tasks-contract/record/ids/v1';

const DIGITS = '0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const HEX = '0123456789abcdef';

/** The alphabet a character is drawn from in the pseudonym, so that the pseudonym keeps the id's format. */
function alphabetsOf(value: string): (string | undefined)[] {
  if (/^[0-9a-f]+$/.test(value)) return [...value].map(() => HEX);
  if (/^[0-9A-F]+$/.test(value)) return [...value].map(() => HEX.toUpperCase());
  return [...value].map((c) =>
    DIGITS.includes(c) ? DIGITS : LOWER.includes(c) ? LOWER : UPPER.includes(c) ? UPPER : undefined,
  );
}

/**
 * Consistent, format-keeping pseudonyms for identifiers (`ownerId`, `orgId`): the same id always gives
 * the same pseudonym (an HMAC-SHA256 of it under `key`), with the same length and the same kind of
 * character at each place (hex stays hex, digits stay digits), so pseudonymized documents still
 * validate against the contract and ids that were equal stay equal. Without the key, a pseudonym
 * cannot be traced back to its id except by guessing the id itself.
 *
 * @example new Pseudonyms().of('0123456789ABCDEF') // 16 digits and capitals, the same every time
 */
export class Pseudonyms {
  private readonly made = new Map<string, string>();

  constructor(private readonly key: string = DEFAULT_ID_KEY) {}

  of(value: string): string {
    let pseudonym = this.made.get(value);
    if (pseudonym === undefined) {
      pseudonym = this.make(value);
      this.made.set(value, pseudonym);
    }
    return pseudonym;
  }

  /** Every id seen so far and its pseudonym. */
  entries(): [string, string][] {
    return [...this.made.entries()];
  }

  private make(value: string): string {
    const alphabets = alphabetsOf(value);
    const bytes: number[] = [];
    for (let block = 0; bytes.length < value.length * 2; block++)
      bytes.push(...createHmac('sha256', this.key).update(`${block}\u0000${value}`).digest());
    const made = [...value]
      .map((c, i) => {
        const alphabet = alphabets[i];
        return alphabet ? alphabet[((bytes[2 * i]! << 8) | bytes[2 * i + 1]!) % alphabet.length] : c;
      })
      .join('');
    // an id that maps to itself would keep the real value: shift it by one place in each alphabet
    return made === value ? [...made].map((c, i) => (alphabets[i] ? nextIn(alphabets[i]!, c) : c)).join('') : made;
  }
}

function nextIn(alphabet: string, c: string): string {
  return alphabet[(alphabet.indexOf(c) + 1) % alphabet.length]!;
}

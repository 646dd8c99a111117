/**
 * What a masked secret reads as, stated once per output. There is one mask text, `********`; the
 * outputs differ only in what a stored (encrypted) passcode becomes:
 *
 * - reports, the journal and the console keep the `{crypt}` prefix (`{crypt}********`), so a reader
 *   sees that the server stored the passcode encrypted (the contract's `{crypt}...`);
 * - recordings and their HAR replace the ciphertext by a fixed one (`{crypt}` + base64 of
 *   "redacted-passcode"): a recording is served again as fixtures, and its documents must still
 *   validate as stored passcodes (`{crypt}` followed by base64), which `********` is not.
 */
export const MASK = '********';

/** `{crypt}`: how a stored passcode starts (see domain/passcode.ts). */
export const STORED_PREFIX = '{crypt}';

/** A stored passcode as recordings keep it: the prefix and a fixed, valid ciphertext (base64 of "redacted-passcode"). */
export const REDACTED_STORED_PASSCODE = `${STORED_PREFIX}${Buffer.from('redacted-passcode').toString('base64')}`;

/** What one output writes for a masked secret, and for a masked stored passcode. */
export interface OutputMask {
  /** Any secret: a token, a password, a cookie, a plaintext passcode, wherever it is. */
  readonly secret: string;
  /** A stored (`{crypt}...`) passcode in a `passcode` field. */
  readonly storedPasscode: string;
}

const SHOWN: OutputMask = { secret: MASK, storedPasscode: `${STORED_PREFIX}${MASK}` };
const REPLAYABLE: OutputMask = { secret: MASK, storedPasscode: REDACTED_STORED_PASSCODE };

/** The mask of each output, in one place (see the comment above for why two of them differ). */
export const OUTPUT_MASKS = {
  report: SHOWN,
  journal: SHOWN,
  console: SHOWN,
  recording: REPLAYABLE,
  har: REPLAYABLE,
} as const satisfies Record<string, OutputMask>;

export type Output = keyof typeof OUTPUT_MASKS;

/**
 * The shortest secret searched for inside longer text (in any encoding). Positions (a secret field,
 * `token=`, a secret header, a cookie) and whole values equal to a secret are masked whatever their
 * length. Inside text a shorter secret cannot be told from an ordinary word: the lab password
 * `admin` is also a segment of every admin URL, and masking `test` would mangle messages. Six
 * characters catch every portal password (their policy asks for 8 or more), every token and cookie,
 * and leave the common short words alone.
 */
export const MIN_FREE_TEXT_SECRET_LENGTH = 6;

/** The shortest encoded fragment searched for (a base64 core of a short secret at an odd offset). */
export const MIN_FORM_LENGTH = 5;

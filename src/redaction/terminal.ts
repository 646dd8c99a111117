/**
 * Control characters that a terminal acts on (C0 but tab and newline, DEL, C1, and the bidi
 * overrides): a server's text holding them could clear the screen, retitle the window or move the
 * cursor over earlier lines.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it escapes
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text for the terminal with every control character shown as a visible `\u001b`-style escape
 * instead of acted on. Console reporters pass what servers said through it.
 *
 * @example escapeTerminal('10.9\u001b[2J'); // '10.9\\u001b[2J'
 */
export function escapeTerminal(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

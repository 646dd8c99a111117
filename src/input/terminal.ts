/**
 * Control characters a terminal acts on: C0 but tab and newline, DEL, C1, line/paragraph separators,
 * and the bidi overrides (which reorder what is shown).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text for a terminal: every control character a server (or any input) put in it is shown as
 * `\u001b` instead of acting (clearing the screen, retitling the window, rewriting a line with `\r`).
 * Every console report passes through it; files keep their text (JSON escapes, HTML escapes itself).
 *
 * @example terminalText('11.4\u001b]0;pwned\u0007') // '11.4\\u001b]0;pwned\\u0007'
 */
export function terminalText(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

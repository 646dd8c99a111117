import { describe, expect, it } from '@jest/globals';
import { terminalText } from '../../src/input/index.js';
import {
  formsOf,
  MASK,
  MIN_FREE_TEXT_SECRET_LENGTH,
  maskJournalRequest,
  OUTPUT_MASKS,
  REDACTED_STORED_PASSCODE,
  Redactor,
  SECRET_ENCODINGS,
} from '../../src/redaction/index.js';

// secrets with every character class a server might escape: space, &, <, ", ', /, +, =, non-ASCII
const PASSWORD = `p@ss w/rd&<"'é+1=`;
const TOKEN = 'tok.EN_abcdefgh123456-xyz';
const COOKIE = 'sess9f8e7d6c5b4a';
const SECRETS = [PASSWORD, TOKEN, COOKIE];

/** Every place a secret's encoding can sit, as the text the Redactor gets and how it is redacted. */
const PLACES: Record<string, (encoded: string, redactor: Redactor) => string> = {
  text: (e, r) => r.redactText(`the server said ${e}, then stopped`),
  'JSON value': (e, r) => JSON.stringify(r.redact({ message: e, list: [`x${e}y`] })),
  'JSON key': (e, r) => JSON.stringify(r.redact({ [e]: 1, [`k${e}`]: 2, other: 3 })),
  'JSON body': (e, r) => r.redactBody(JSON.stringify({ deep: { [e]: `a ${e} b` } }, null, 2)),
  'non-JSON body': (e, r) => r.redactBody(`error: ${e}\n`),
  form: (e, r) => r.redactBody(`f=json&echo=${e}&n=1`),
  URL: (e, r) => r.redactText(`https://host/arcgis/admin/${e}/x?q=${e}&f=json`),
  header: (e, r) => JSON.stringify(r.redactHeaders([{ name: 'x-echo', value: e }])),
  HTML: (e, r) => r.redactBody(`<html><p title="${e}">${e}</p><script>var s="${e}";</script></html>`),
};

function leaks(output: string): string[] {
  return SECRETS.flatMap((secret) => formsOf(secret).filter((form) => output.includes(form)));
}

describe('Redactor over SECRET_ENCODINGS', () => {
  for (const encoding of SECRET_ENCODINGS)
    for (const [place, put] of Object.entries(PLACES))
      it(`masks ${encoding.name} in ${place}`, () => {
        const redactor = new Redactor(SECRETS);
        for (const secret of SECRETS) {
          const encoded = encoding.encode(secret);
          const output = put(encoded, redactor);
          expect(leaks(output)).toEqual([]);
          expect(output).toContain(MASK);
        }
      });

  it('covers base64 and base64url at offsets 0, 1 and 2, hex, HTML entities, JSON and %-escapes', () => {
    const names = SECRET_ENCODINGS.map((encoding) => encoding.name);
    for (const name of [
      'base64@0',
      'base64@1',
      'base64@2',
      'base64url@1',
      'hex',
      'hex-upper',
      'html-hex',
      'html-decimal',
    ])
      expect(names).toContain(name);
    for (const name of ['html-named', 'json-unicode', 'json-slash', 'percent-lower', 'percent-double', 'form'])
      expect(names).toContain(name);
  });

  it('finds a secret inside a longer base64 value at every offset', () => {
    const redactor = new Redactor([TOKEN]);
    for (const offset of [0, 1, 2, 3, 4]) {
      const blob = Buffer.from(`${'x'.repeat(offset)}${TOKEN}tail`).toString('base64');
      expect(redactor.redactText(`data:${blob}`)).not.toBe(`data:${blob}`);
    }
  });
});

describe('what masking keeps', () => {
  it('leaves short secrets alone inside text but masks them as whole values and by position', () => {
    const redactor = new Redactor(['admin']);
    expect('admin'.length).toBeLessThan(MIN_FREE_TEXT_SECRET_LENGTH);
    expect(redactor.redactText('https://host/arcgis/admin/system/tasks')).toBe(
      'https://host/arcgis/admin/system/tasks',
    );
    expect(redactor.redact({ password: 'x1', echo: 'admin' })).toEqual({ password: MASK, echo: MASK });
    expect(redactor.redactText('f=json&password=admin')).toBe(`f=json&password=${MASK}`);
  });

  it('keeps JSON valid and keys distinct when two keys mask to the same text', () => {
    const redactor = new Redactor([TOKEN, COOKIE]);
    const out = redactor.redactBody(JSON.stringify({ [TOKEN]: 1, [COOKIE]: 2, keep: 3 }));
    expect(JSON.parse(out)).toEqual({ [MASK]: 1, [`${MASK}#2`]: 2, keep: 3 });
  });

  it('states one mask per output; stored passcodes keep {crypt} in reports and a valid ciphertext in recordings', () => {
    const stored = '{crypt}3ngE7lQuQGDfaiab4uogjg==';
    expect(new Redactor([], { mask: 'report' }).redact({ passcode: stored })).toEqual({ passcode: '{crypt}********' });
    expect(new Redactor([], { mask: 'recording' }).redact({ passcode: stored })).toEqual({
      passcode: REDACTED_STORED_PASSCODE,
    });
    expect(new Set(Object.values(OUTPUT_MASKS).map((mask) => mask.secret))).toEqual(new Set([MASK]));
  });

  it('learns cookie and session values from headers and masks them wherever they are echoed', () => {
    const redactor = new Redactor();
    const headers = redactor.redactHeaders([
      { name: 'Set-Cookie', value: `AGS_ROLES=${COOKIE}; Path=/arcgis; HttpOnly` },
      { name: 'Authorization', value: `Bearer ${TOKEN}` },
    ]);
    expect(headers).toEqual([
      { name: 'Set-Cookie', value: `AGS_ROLES=${MASK}; Path=/arcgis; HttpOnly` },
      { name: 'Authorization', value: `Bearer ${MASK}` },
    ]);
    expect(redactor.redactText(`echo ${Buffer.from(`${COOKIE}!`).toString('base64')}`)).not.toContain(
      Buffer.from(COOKIE).toString('base64').slice(0, 16),
    );
    expect(redactor.redactText(`you sent ${TOKEN}`)).toBe(`you sent ${MASK}`);
  });

  it('walks a value nested far deeper than the stack allows without overflowing', () => {
    let deep: unknown = { token: TOKEN };
    for (let i = 0; i < 20_000; i++) deep = { a: [deep] };
    const out = JSON.stringify(new Redactor([TOKEN]).redact({ deep }).deep === undefined);
    expect(out).toBe('false');
  });

  it('masks a journal entry when it is read', () => {
    const entry = { path: `/x/${TOKEN}`, form: { parameters: `{"passcode":"${PASSWORD}"}` } };
    const shown = JSON.stringify(maskJournalRequest(entry, [TOKEN]));
    expect(shown).not.toContain(TOKEN);
    expect(leaks(shown)).toEqual([]);
  });
});

describe('terminalText', () => {
  it('shows control characters instead of letting the terminal act on them', () => {
    expect(terminalText('10.9\u001b[2J\u0007\u009b ok\n\ttab')).toBe('10.9\\u001b[2J\\u0007\\u009b ok\n\ttab');
  });
});

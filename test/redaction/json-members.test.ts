import { describe, expect, it } from '@jest/globals';
import { MASK, maskSecretMembers, maskSecretsInJsonText } from '../../src/redaction/index.js';

describe('maskSecretsInJsonText', () => {
  it('masks secret members of any case and value type, keeps the layout, reports what it took', () => {
    const found: string[] = [];
    const text = '{\n  "name": "n",\n  "Passcode" :  "a\\"b",\n  "token": 12345678,\n  "password": null\n}';
    expect(maskSecretsInJsonText(text, found)).toBe(
      `{\n  "name": "n",\n  "Passcode" :  "${MASK}",\n  "token": "${MASK}",\n  "password": "${MASK}"\n}`,
    );
    expect(found).toEqual(['a"b', '12345678']); // null is no secret
  });

  it('masks keys spelt with \\u escapes and JSON inside JSON strings, writing the text again', () => {
    const found: string[] = [];
    const escaped = maskSecretsInJsonText('{"pass\\u0063ode":"s3cret-1","n":1}', found);
    expect(JSON.parse(escaped)).toEqual({ passcode: MASK, n: 1 });
    const nested = maskSecretsInJsonText(JSON.stringify({ d: JSON.stringify({ token: 's3cret-2' }) }), found);
    expect(JSON.parse(JSON.parse(nested).d)).toEqual({ token: MASK });
    expect(found).toEqual(['s3cret-1', 's3cret-2']);
  });

  it('masks what it can in text that is not JSON, and leaves text without secrets as it is', () => {
    expect(maskSecretsInJsonText('{"passcode": "s3cret", "name": ')).toBe(`{"passcode": "${MASK}", "name": `);
    const plain = '{"name":"nightly","retention":{"type":"day"}}';
    expect(maskSecretsInJsonText(plain)).toBe(plain);
  });
});

describe('maskSecretMembers', () => {
  it('copies a value with secrets masked at any depth, in arrays too', () => {
    const value = { a: [{ token: 't0k3n' }], b: { PASSWORD: 'pw' }, c: 'x' };
    expect(maskSecretMembers(value)).toEqual({ a: [{ token: MASK }], b: { PASSWORD: MASK }, c: 'x' });
    expect(value.a[0]!.token).toBe('t0k3n');
  });
});

import { afterAll, describe, expect, it } from '@jest/globals';
import { terminalText } from '../../src/input/index.js';
import { runCli } from '../helpers/cli.js';
import { SEED_TOKEN, startSeedServer } from '../verify/helpers/seed-server.js';

// Issue 17, row "Terminal escapes": a server's currentVersion with ANSI escape sequences was printed raw
// (it can clear the screen or retitle the terminal). Console reports now show control characters escaped.

const hostile = '11.4\u001b]0;pwned\u0007\u001b[2J\r\u009b';
const seed = await startSeedServer({ siteVersion: hostile });
afterAll(() => seed.close());

describe('control characters from a server never reach the terminal', () => {
  it('terminalText shows them as \\u escapes and keeps newlines and tabs', () => {
    expect(terminalText(`a\tb\n${hostile}`)).toBe('a\tb\n11.4\\u001b]0;pwned\\u0007\\u001b[2J\\u000d\\u009b');
  });

  it('verify prints the site version escaped', async () => {
    const result = await runCli(['verify', '--base-url', seed.adminUrl, '--token', SEED_TOKEN]);
    expect(result.stdout).toContain('11.4\\u001b]0;pwned\\u0007\\u001b[2J');
    for (const control of ['\u001b', '\u0007', '\u009b', '\r'])
      expect(result.stdout + result.stderr).not.toContain(control);
  });
});

#!/usr/bin/env node
// `npm test`: the static checks (tsc, Biome, dependency-cruiser, knip, one after another) beside
// jest, not before it: jest's workers spend much of their time waiting for the processes their tests
// start, and the checks fill that time. The checks' output is printed when they end, in one block;
// the run fails when either side fails.
import { spawn } from 'node:child_process';

const CHECKS = ['typecheck', 'lint:code', 'lint:deps', 'lint:exports'];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: options.capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    if (options.capture) {
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
    }
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

async function checks() {
  for (const script of CHECKS) {
    const { code, output } = await run(npm, ['run', '-s', script], { capture: true });
    if (code !== 0) return { code, report: `npm test: ${script} failed\n${output}` };
  }
  return { code: 0, report: `npm test: ${CHECKS.join(', ')} passed\n` };
}

// the test files' TypeScript loads through test/runner/hooks.mjs (see jest.config.js)
const jestArgs = [
  '--import',
  './test/runner/register.mjs',
  '--enable-source-maps',
  '--no-warnings',
  'node_modules/jest/bin/jest.js',
  ...process.argv.slice(2),
];
const [statics, jest] = await Promise.all([checks(), run(process.execPath, jestArgs)]);
process.stderr.write(`\n${statics.report}`);
process.exitCode = statics.code !== 0 ? statics.code : jest.code;

#!/usr/bin/env node
// Runs a command with busy processes beside it, as on a shared CI runner:
//   node scripts/busy-runner.mjs [--hogs N] -- <command> [args...]
// Each hog is a Node process spinning one core; all of them end when the command ends, however it ends.
import { spawn } from 'node:child_process';

const argv = process.argv.slice(2);
const split = argv.indexOf('--');
const own = split === -1 ? [] : argv.slice(0, split);
const command = split === -1 ? argv : argv.slice(split + 1);
const hogsAt = own.indexOf('--hogs');
const hogCount = hogsAt === -1 ? 4 : Number(own[hogsAt + 1]);
if (command.length === 0 || !Number.isInteger(hogCount) || hogCount < 0) {
  process.stderr.write('usage: busy-runner.mjs [--hogs N] -- <command> [args...]\n');
  process.exit(2);
}

const hogs = Array.from({ length: hogCount }, () =>
  spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
);
const endHogs = () => {
  for (const hog of hogs) hog.kill('SIGKILL');
};
process.once('exit', endHogs);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    endHogs();
    process.exit(130);
  });
}

process.stderr.write(`busy-runner: ${hogCount} busy processes beside: ${command.join(' ')}\n`);
const child = spawn(command[0], command.slice(1), { stdio: 'inherit' });
child.on('close', (code, signal) => {
  endHogs();
  process.exit(code ?? (signal ? 1 : 0));
});

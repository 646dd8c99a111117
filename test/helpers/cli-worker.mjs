// Runs a compiled CLI (its main.js) for test/helpers/cli-host.ts, in a worker thread (the URL in
// workerData) or in a forked child process (the URL as its argument): Node's own ESM loader, loaded
// once, with each call's stdout, stderr and environment kept apart.
import { parentPort, workerData } from 'node:worker_threads';

const main = await import(parentPort ? workerData.mainUrl : process.argv[2]);
const channel = parentPort ?? process;
const answer = (message) => (parentPort ? parentPort.postMessage(message) : process.send(message));

channel.on('message', async ({ id, args, env }) => {
  const out = { stdout: '', stderr: '' };
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  const capture =
    (stream) =>
    (chunk, ...rest) => {
      out[stream] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      rest.find((arg) => typeof arg === 'function')?.();
      return true;
    };
  process.stdout.write = capture('stdout');
  process.stderr.write = capture('stderr');
  const savedEnv = { ...process.env };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || value === null) delete process.env[key];
    else process.env[key] = value;
  }
  let code;
  try {
    code = await main.runCli(args);
  } catch (error) {
    // what the binary's entry does with an error that escapes runCli
    out.stderr += main.internalErrorText(error, false);
    code = 70;
  } finally {
    process.exitCode = undefined;
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
  }
  answer({ id, code, ...out });
});
answer({ ready: true });

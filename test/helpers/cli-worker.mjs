// Runs the compiled CLI (dist/src/cli/main.js) in a worker thread for test/helpers/cli.ts: Node's own
// ESM loader, loaded once, with each call's stdout, stderr and environment kept apart.
import { parentPort, workerData } from 'node:worker_threads';

const main = await import(workerData.mainUrl);

parentPort.on('message', async ({ id, args, env }) => {
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
  parentPort.postMessage({ id, code, ...out });
});
parentPort.postMessage({ ready: true });

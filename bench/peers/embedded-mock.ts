import { startMockServer } from '../../src/mock/index.js';

// The embedded mock on its defaults, through the library API (what tests and `createMockServer`
// users get), for the mock benchmark. Usage: node dist/bench/peers/embedded-mock.js PORT
const mock = await startMockServer({ port: Number(process.argv[2] ?? 0) });
const stop = () => void mock.close().then(() => process.exit(0));
process.on('SIGINT', stop).on('SIGTERM', stop);

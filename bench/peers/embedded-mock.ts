import { startMockServer } from '../../src/mock/index.js';

// The embedded mock on its defaults, through the library API (what tests and `createMockServer`
// users get), for the mock benchmarks. Usage: node dist/bench/peers/embedded-mock.js PORT [JOURNAL_SIZE]
const journalSize = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
const mock = await startMockServer({
  port: Number(process.argv[2] ?? 0),
  ...(journalSize === undefined ? {} : { journalSize }),
});
const stop = () => void mock.close().then(() => process.exit(0));
process.on('SIGINT', stop).on('SIGTERM', stop);

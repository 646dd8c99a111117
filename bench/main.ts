import { benches } from './benches.js';

// `npm run bench [name...]`: runs every benchmark (or the named ones) one after another, each
// measuring our code and its peer in the same run and printing ratios.
const wanted = process.argv.slice(2);
for (const bench of benches) {
  if (wanted.length > 0 && !wanted.includes(bench.name)) continue;
  await bench.run();
}

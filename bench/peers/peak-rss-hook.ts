import { writeSync } from 'node:fs';

// Preloaded with `node --import` into a command the verify benchmark runs as a whole process: at
// exit it writes the process's own peak RSS (getrusage maxrss, kB) as one JSON line to fd 3.
process.on('exit', () => {
  try {
    writeSync(3, `${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })}\n`);
  } catch {
    // fd 3 is not open: not run by the benchmark
  }
});

import { writeSync } from 'node:fs';

// Preloaded with `node --import` into a command the verify benchmark runs as a whole process: at
// exit it writes the process's own peak RSS (getrusage maxrss, kB) and CPU time (user + system,
// microseconds: what a loaded machine does not inflate as it does wall time) as one JSON line to fd 3.
process.on('exit', () => {
  try {
    const usage = process.resourceUsage();
    writeSync(3, `${JSON.stringify({ maxRssKb: usage.maxRSS, cpuMicros: usage.userCPUTime + usage.systemCPUTime })}\n`);
  } catch {
    // fd 3 is not open: not run by the benchmark
  }
});

import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time a process has used so far, in ms: the sum over its threads of the time on a CPU that the
 * scheduler counts in ns (/proc/PID/task/TID/schedstat), where /proc/PID/stat counts 10 ms ticks.
 * A server's CPU per request is steadier than its req/s on two cores, where the load generator, not
 * the server, often sets the pace.
 */
export function cpuMs(pid: number): number {
  let ns = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended between the listing and the read: its time is no longer counted anywhere
    }
  }
  return ns / 1e6;
}

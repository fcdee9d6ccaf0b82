// Fallback peak-RSS probe, used by bench/run.ts only when GNU time (/usr/bin/time -f) is not available.
// Loaded into a measured Node process with `--import bench/rss-preload.mjs`; at exit it writes
// process.resourceUsage().maxRSS (KiB, for the whole process, worker threads included) to the file named by
// HEAPDOT_BENCH_RSS_FILE. A process that dies without running 'exit' handlers (a V8 fatal out-of-memory
// error, SIGKILL) writes nothing, and the benchmark reports its peak RSS as unknown.

import { writeFileSync } from 'node:fs';

const target = process.env.HEAPDOT_BENCH_RSS_FILE;
if (target) {
  // Do not leak the variable into processes this one starts.
  delete process.env.HEAPDOT_BENCH_RSS_FILE;
  process.on('exit', () => {
    try {
      writeFileSync(target, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      // Nothing useful to do: the benchmark reports the RSS as unknown.
    }
  });
}

/**
 * Files people mistake for heap snapshots, told apart by the first key of their top-level object
 * and how its value starts (a heap snapshot starts with its "snapshot" header): V8's CPU profile
 * (Chrome DevTools' and `node --cpu-prof`'s `.cpuprofile`: `{"nodes": [{call frame}, ...],
 * "samples", "timeDeltas", ...}`) and its sampling heap profile (`.heapprofile`, `node
 * --heap-prof`: `{"head": {call tree}, "samples"}`). A snapshot without its header also has
 * "nodes" first, but an array of numbers.
 */
const FORMATS: readonly { key: string; start: string; what: string }[] = [
  { key: 'nodes', start: '[{', what: 'a CPU profile (a .cpuprofile: call frames and timing samples)' },
  {
    key: 'head',
    start: '{',
    what: 'a sampling heap profile (a .heapprofile: allocation samples by call stack)',
  },
];

/** What heapdot reads instead, and how to take one. */
export const TAKE_A_SNAPSHOT =
  "heapdot reads heap snapshots: take one with heapdot capture --pid PID -o app.heapsnapshot, node --heapsnapshot-signal=SIGUSR2, v8.writeHeapSnapshot(), or DevTools' Memory panel: Heap snapshot, then Save";

/**
 * What the file is when its first key and the start of that key's value (its first bytes other
 * than white space) show that it is not a heap snapshot; undefined otherwise.
 */
export function otherFormat(firstKey: string, valueStart: string): string | undefined {
  return FORMATS.find((format) => format.key === firstKey && valueStart.startsWith(format.start))?.what;
}

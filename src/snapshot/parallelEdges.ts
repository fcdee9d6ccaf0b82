import { closeSync, openSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { EdgeSection } from './edgeColumns.js';
import type { EdgeJob, EdgeJobReply } from './edgeWorker.js';
import { SnapshotFormatError } from './errors.js';
import type { SnapshotHeader } from './header.js';

/**
 * Parallel reading: while the main thread parses the nodes, a worker parses the edges, which
 * are the larger half of a snapshot's numbers. The worker finds where the edges array starts by
 * a quick scan for brackets (the nodes array holds only digits, commas and white space) while the
 * main thread already parses the nodes; the main thread, when it reaches the edges, finds their
 * closing bracket the same way and jumps over the bytes the worker reads. (Before, the main thread
 * made both scans before the worker started: 700 MB read of a 800 MB file, a sixth of a second.)
 * Anything unexpected in a scan means "read sequentially", never a different answer.
 */

const SCAN_CHUNK = 4 * 1024 * 1024;
const GAP_LIMIT = 4096;

/** Where the edges array starts, found by the worker. */
export interface EdgeStart {
  /** Offset of the `"` that opens the "edges" key. */
  key: number;
  /** Offset of the array's `[`. */
  open: number;
}

export interface EdgeRange extends EdgeStart {
  /** Offset of the array's `]`. */
  close: number;
}

/** Where the edges array starts, given the offset of the nodes array's `[`; undefined when the layout is not the usual one. */
export function locateEdges(path: string, nodesOpen: number): EdgeStart | undefined {
  const fd = openSync(path, 'r');
  try {
    const nodesClose = findByte(fd, nodesOpen + 1, 0x5d);
    if (nodesClose === -1) return undefined;
    const gap = Buffer.alloc(GAP_LIMIT);
    const length = readSync(fd, gap, 0, GAP_LIMIT, nodesClose + 1);
    const match = /^[ \t\r\n]*,[ \t\r\n]*"edges"[ \t\r\n]*:[ \t\r\n]*\[/.exec(
      gap.toString('latin1', 0, length),
    );
    if (!match) return undefined;
    return { key: nodesClose + 1 + match[0].indexOf('"'), open: nodesClose + match[0].length };
  } finally {
    closeSync(fd);
  }
}

/**
 * The offset of the edges array's `]` (the first after its `[`), or -1. The main thread looks for
 * it when it reaches the edges, so the worker can start on them as soon as it knows where they
 * begin: the worker's part of the read is the longer one, and the main thread has time to spare.
 */
function findEdgesClose(path: string, open: number): number {
  const fd = openSync(path, 'r');
  try {
    return findByte(fd, open + 1, 0x5d);
  } finally {
    closeSync(fd);
  }
}

function findByte(fd: number, from: number, byte: number): number {
  const buffer = Buffer.allocUnsafe(SCAN_CHUNK);
  for (let position = from; ; ) {
    const read = readSync(fd, buffer, 0, SCAN_CHUNK, position);
    if (read === 0) return -1;
    const at = buffer.subarray(0, read).indexOf(byte);
    if (at !== -1) return position + at;
    position += read;
  }
}

/** The worker's answer to "where is the edges array", in shared memory: it is found while the main thread reads the nodes. */
const PENDING = 0;
const FOUND = 1;
const NOT_FOUND = 2;
/** The main thread stopped waiting and reads the edges itself; the worker must not. */
const ABANDONED = 3;
/**
 * How long the main thread waits for the answer once it reaches the edges. The scan takes a small
 * part of reading the nodes, so this only matters when the worker failed to start: then the main
 * thread reads the edges itself rather than hang.
 */
const WAIT_LIMIT_MS = 10000;

/** Shared between the two threads: a status word, then the edges' key and open offsets. */
export class EdgeRangeSlot {
  readonly buffer: SharedArrayBuffer;
  readonly #status: Int32Array;
  readonly #offsets: Float64Array;
  readonly #waitLimitMs: number;

  constructor(buffer = new SharedArrayBuffer(32), waitLimitMs = WAIT_LIMIT_MS) {
    this.buffer = buffer;
    this.#waitLimitMs = waitLimitMs;
    this.#status = new Int32Array(buffer, 0, 1);
    this.#offsets = new Float64Array(buffer, 8, 2);
  }

  /** The worker's side: publishes what it found; false when the main thread no longer wants it. */
  publish(range: EdgeStart | undefined): boolean {
    if (range) this.#offsets.set([range.key, range.open]);
    const before = Atomics.compareExchange(this.#status, 0, PENDING, range ? FOUND : NOT_FOUND);
    Atomics.notify(this.#status, 0);
    return before === PENDING && range !== undefined;
  }

  /** The main thread's side: the range, waiting for it if need be; undefined means "read the edges here". */
  take(): EdgeStart | undefined {
    Atomics.wait(this.#status, 0, PENDING, this.#waitLimitMs);
    // Either the worker's answer is there, or the main thread claims the edges for itself.
    if (Atomics.compareExchange(this.#status, 0, PENDING, ABANDONED) !== FOUND) return undefined;
    const [key, open] = this.#offsets;
    return { key, open };
  }
}

export interface EdgeWorker {
  /**
   * Where the edges array is, once the worker has found where it starts (see EdgeRangeSlot.take);
   * undefined: the main thread reads it.
   */
  range(): EdgeRange | undefined;
  result: Promise<EdgeSection>;
  stop(): Promise<void>;
}

/**
 * Starts the worker, given the offset of the nodes array's `[`: it finds the edges array, then
 * reads it. Its result rejects with the SnapshotFormatError it found, as the parser would.
 */
export function startEdgeWorker(
  path: string,
  file: string,
  header: SnapshotHeader,
  nodesOpen: number,
): EdgeWorker {
  const slot = new EdgeRangeSlot();
  const job: EdgeJob = { path, file, header, nodesOpen, slot: slot.buffer };
  const worker = import.meta.url.endsWith('.ts')
    ? // Run from source (the tests, through tsx): the worker registers tsx itself, as Node 20 does
      // not carry a loader given with --import into workers.
      new Worker(
        `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./edgeWorker.ts', import.meta.url).href)}); });`,
        { eval: true, workerData: job },
      )
    : new Worker(new URL('./edgeWorker.js', import.meta.url), { workerData: job });
  const result = new Promise<EdgeSection>((resolve, reject) => {
    worker.once('message', (reply: EdgeJobReply) => {
      if (reply.kind === 'done') resolve(reply);
      else if (reply.kind === 'format-error') {
        reject(
          new SnapshotFormatError(reply.problem, {
            code: reply.code,
            file,
            section: 'edges',
            offset: reply.offset,
          }),
        );
      } else if (reply.kind === 'not-read') reject(new Error('the edges are read by the main thread'));
      else reject(new Error(`the edge reader failed: ${reply.message}`));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the edge reader stopped (exit code ${code})`)));
  });
  // A result nobody awaits (the main parse failed first) must not become an unhandled rejection.
  result.catch(() => {});
  const range = (): EdgeRange | undefined => {
    const start = slot.take();
    const close = start === undefined ? -1 : findEdgesClose(path, start.open);
    return start === undefined || close === -1 ? undefined : { ...start, close };
  };
  return { range, result, stop: async () => void (await worker.terminate()) };
}

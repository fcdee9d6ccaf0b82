import { closeSync, openSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { EdgeSection } from './edgeColumns.js';
import type { EdgeJob, EdgeJobReply } from './edgeWorker.js';
import { SnapshotFormatError } from './errors.js';
import type { SnapshotHeader } from './header.js';

/**
 * Parallel reading: while the main thread parses the nodes, a worker parses the edges, which
 * are the larger half of a snapshot's numbers. The edges array is found by a quick scan for
 * brackets (the nodes array holds only digits, commas and white space), so the worker can start
 * at once; the main parser then jumps over the bytes the worker reads. Anything unexpected in
 * that scan means "read sequentially", never a different answer.
 */

const SCAN_CHUNK = 4 * 1024 * 1024;
const GAP_LIMIT = 4096;

export interface EdgeRange {
  /** Offset of the `"` that opens the "edges" key. */
  key: number;
  /** Offsets of the array's `[` and `]`. */
  open: number;
  close: number;
}

/** Where the edges array is, given the offset of the nodes array's `[`; undefined when the layout is not the usual one. */
export function locateEdges(path: string, nodesOpen: number): EdgeRange | undefined {
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
    const key = nodesClose + 1 + match[0].indexOf('"');
    const open = nodesClose + match[0].length;
    const close = findByte(fd, open + 1, 0x5d);
    return close === -1 ? undefined : { key, open, close };
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

export interface EdgeWorker {
  result: Promise<EdgeSection>;
  stop(): Promise<void>;
}

/** Starts the worker; its result rejects with the SnapshotFormatError it found, as the parser would. */
export function startEdgeWorker(
  path: string,
  file: string,
  header: SnapshotHeader,
  range: EdgeRange,
): EdgeWorker {
  const job: EdgeJob = { path, file, header, open: range.open, close: range.close };
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
      } else reject(new Error(`the edge reader failed: ${reply.message}`));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the edge reader stopped (exit code ${code})`)));
  });
  // A result nobody awaits (the main parse failed first) must not become an unhandled rejection.
  result.catch(() => {});
  return { result, stop: async () => void (await worker.terminate()) };
}

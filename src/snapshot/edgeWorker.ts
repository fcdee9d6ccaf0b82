import { open } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { EdgeColumns } from './edgeColumns.js';
import { SnapshotFormatError } from './errors.js';
import type { SnapshotHeader } from './header.js';
import { NumberScanner } from './numberScanner.js';
import { EdgeRangeSlot, type EdgeStart, locateEdges } from './parallelEdges.js';
import { allocateShared } from './sectionColumns.js';

/**
 * The worker side of a parallel read: finds where the `edges` array of a snapshot file starts and
 * tells the main thread, then parses it up to its `]` into columns on shared memory, while the
 * main thread reads the nodes. Started only by parallelEdges.ts; it checks what the
 * main parser would check.
 */
export interface EdgeJob {
  path: string;
  file: string;
  header: SnapshotHeader;
  /** Byte offset of the nodes array's `[`. */
  nodesOpen: number;
  /** An EdgeRangeSlot's memory. */
  slot: SharedArrayBuffer;
}

export type EdgeJobReply =
  | {
      kind: 'done';
      edgeType: Uint8Array;
      edgeNameOrIndex: Uint32Array;
      edgeTarget: Uint32Array;
      maxName: number;
      maxNameOffset: number;
    }
  | { kind: 'not-read' }
  | { kind: 'format-error'; problem: string; code: SnapshotFormatError['code']; offset: number }
  | { kind: 'failed'; message: string };

const CHUNK_SIZE = 4 * 1024 * 1024;

async function locateAndRead(job: EdgeJob): Promise<EdgeJobReply> {
  let range: EdgeStart | undefined;
  try {
    range = locateEdges(job.path, job.nodesOpen);
  } finally {
    // Whatever happened, the main thread must hear an answer: none means it reads the edges itself.
    if (!new EdgeRangeSlot(job.slot).publish(range)) range = undefined;
  }
  return range ? readEdges(job, range) : { kind: 'not-read' };
}

async function readEdges(job: EdgeJob, range: EdgeStart): Promise<EdgeJobReply> {
  const fail = (code: SnapshotFormatError['code'], problem: string, offset: number): never => {
    throw new SnapshotFormatError(problem, { code, file: job.file, section: 'edges', offset });
  };
  const columns = new EdgeColumns(job.header, job.header.edgeCount, fail, () => {}, allocateShared);
  const scanner = new NumberScanner(columns, fail);
  const handle = await open(job.path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_SIZE);
    // Up to the first `]`: the one the main thread finds and jumps past.
    for (let position = range.open + 1; ; ) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_SIZE, position);
      if (bytesRead === 0) return fail('BAD_JSON', 'the edges array does not end', position);
      if (scanner.scan(buffer, 0, bytesRead, position) !== -1) return { kind: 'done', ...columns.result() };
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

if (parentPort) {
  const port = parentPort;
  locateAndRead(workerData as EdgeJob).then(
    (reply) => port.postMessage(reply),
    (error: unknown) =>
      port.postMessage(
        error instanceof SnapshotFormatError
          ? { kind: 'format-error', problem: error.problem, code: error.code, offset: error.offset }
          : { kind: 'failed', message: error instanceof Error ? error.message : String(error) },
      ),
  );
}

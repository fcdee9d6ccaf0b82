import { open } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { EdgeColumns } from './edgeColumns.js';
import { SnapshotFormatError } from './errors.js';
import type { SnapshotHeader } from './header.js';
import { NumberScanner } from './numberScanner.js';
import { allocateShared } from './sectionColumns.js';

/**
 * The worker side of a parallel read: parses the `edges` array of a snapshot file, bytes
 * [open + 1, close], into columns on shared memory, while the main thread reads the nodes.
 * Started only by parallelEdges.ts; it checks what the main parser would check.
 */
export interface EdgeJob {
  path: string;
  file: string;
  header: SnapshotHeader;
  /** Byte offsets of the array's `[` and `]`. */
  open: number;
  close: number;
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
  | { kind: 'format-error'; problem: string; code: SnapshotFormatError['code']; offset: number }
  | { kind: 'failed'; message: string };

const CHUNK_SIZE = 4 * 1024 * 1024;

async function readEdges(job: EdgeJob): Promise<EdgeJobReply> {
  const fail = (code: SnapshotFormatError['code'], problem: string, offset: number): never => {
    throw new SnapshotFormatError(problem, { code, file: job.file, section: 'edges', offset });
  };
  const columns = new EdgeColumns(job.header, job.header.edgeCount, fail, () => {}, allocateShared);
  const scanner = new NumberScanner(columns, fail);
  const handle = await open(job.path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_SIZE);
    let position = job.open + 1;
    while (position <= job.close) {
      const { bytesRead } = await handle.read(
        buffer,
        0,
        Math.min(CHUNK_SIZE, job.close + 1 - position),
        position,
      );
      if (bytesRead === 0) fail('BAD_JSON', 'the file changed while it was read', position);
      const end = scanner.scan(buffer, 0, bytesRead, position);
      if (end !== -1) {
        if (position + end !== job.close + 1) fail('BAD_JSON', 'the edges array ends early', position + end);
        return { kind: 'done', ...columns.result() };
      }
      position += bytesRead;
    }
    return fail('BAD_JSON', 'the edges array does not end', job.close);
  } finally {
    await handle.close();
  }
}

if (parentPort) {
  const port = parentPort;
  readEdges(workerData as EdgeJob).then(
    (reply) => port.postMessage(reply),
    (error: unknown) =>
      port.postMessage(
        error instanceof SnapshotFormatError
          ? { kind: 'format-error', problem: error.problem, code: error.code, offset: error.offset }
          : { kind: 'failed', message: error instanceof Error ? error.message : String(error) },
      ),
  );
}

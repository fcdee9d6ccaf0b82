import { CaptureError } from './errors.js';
import { findInspector } from './findInspector.js';
import { InspectorClient } from './inspectorClient.js';
import { SnapshotFile } from './snapshotFile.js';

/** How long an interrupted or failed capture waits for V8 to finish, so it can close the inspector it opened. */
const LEAVE_AFTER_FAILURE_MS = 120_000;

export interface CaptureProgress {
  phase: 'connecting' | 'snapshotting' | 'writing';
  /** Objects done and total while V8 builds the snapshot; bytes written while it streams. */
  done: number;
  total: number | undefined;
}

export interface CaptureOptions {
  /** The inspector's port when it is open already, or not on the default (Linux finds it). */
  port?: number;
  onProgress?: (progress: CaptureProgress) => void;
  signal?: AbortSignal;
  /** How long to wait for the inspector to open. @default 10000 */
  timeoutMs?: number;
}

export interface CaptureResult {
  path: string;
  /** Bytes of snapshot text (before gzip). */
  bytes: number;
  /** The inspector's port, and whether heapdot opened it (and closed it again). */
  port: number;
  openedInspector: boolean;
}

/**
 * Snapshots a running Node process through its inspector, streaming HeapProfiler's chunks
 * straight to `path` (gzip if it ends in `.gz`). The process keeps running; an inspector that
 * heapdot opened is closed again afterwards, so the process is left as it was.
 */
export async function captureProcess(
  pid: number,
  path: string,
  options: CaptureOptions = {},
): Promise<CaptureResult> {
  options.onProgress?.({ phase: 'connecting', done: 0, total: undefined });
  const target = await findInspector(pid, options);
  const client = await InspectorClient.connect(target.url);
  let file: SnapshotFile | undefined;
  let committed = false;
  let stopped = false;
  try {
    // An interrupt while the inspector was opening ends here, after the connection that closes it.
    options.signal?.throwIfAborted();
    await checkPid(client, pid, target.port);
    const output = new SnapshotFile(path);
    file = output;
    let pending: Promise<void> | undefined;
    let fail: (error: unknown) => void = () => undefined;
    const failed = new Promise<never>((_, reject) => {
      fail = reject;
    });
    client.on('HeapProfiler.reportHeapSnapshotProgress', (params) => {
      options.onProgress?.({ phase: 'snapshotting', done: Number(params.done), total: Number(params.total) });
    });
    client.on('HeapProfiler.addHeapSnapshotChunk', (params) => {
      if (stopped) return;
      try {
        const wait = output.write(String(params.chunk));
        options.onProgress?.({ phase: 'writing', done: output.bytes, total: undefined });
        if (wait && !pending) {
          // The disk is behind: stop reading the socket until it catches up (or fails).
          client.pause();
          pending = wait.then(
            () => {
              pending = undefined;
              client.resume();
            },
            (error: unknown) => {
              stopped = true;
              client.resume();
              fail(error);
            },
          );
        }
      } catch (error) {
        stopped = true;
        client.resume();
        fail(error);
      }
    });
    const aborted = new Promise<never>((_, reject) => {
      options.signal?.addEventListener('abort', () => reject(options.signal?.reason), { once: true });
    });
    await Promise.race([
      client.send('HeapProfiler.takeHeapSnapshot', { reportProgress: true }),
      aborted,
      failed,
    ]);
    await Promise.race([pending, failed]);
    await output.commit();
    committed = true;
    return { path, bytes: output.bytes, port: target.port, openedInspector: target.opened };
  } finally {
    // The rest of the snapshot still streams in until V8 is done; it is read and dropped.
    stopped = true;
    client.resume();
    if (!committed) await file?.abort();
    await leave(client, target.opened, committed);
  }
}

/** The inspector on a given port may be another process's: it must be the one asked for. */
async function checkPid(client: InspectorClient, pid: number, port: number): Promise<void> {
  const answer = await client.send<{ result?: { value?: unknown } }>('Runtime.evaluate', {
    expression: 'process.pid',
    returnByValue: true,
  });
  const actual = answer.result?.value;
  if (actual !== pid) {
    throw new CaptureError(
      `the inspector on port ${port} belongs to process ${String(actual)}, not ${pid}: give the --port of process ${pid}`,
      'INSPECTOR_FAILED',
    );
  }
}

/** Closes the connection; an inspector heapdot opened is closed in the process too. */
async function leave(client: InspectorClient, opened: boolean, done: boolean): Promise<void> {
  if (opened) {
    // process._debugEnd() stops the inspector (and so ends this connection) without touching the
    // program. After a failure V8 may still be writing the snapshot, and answers only then: wait.
    client.send('Runtime.evaluate', { expression: 'process._debugEnd()' }).catch(() => undefined);
    if (await client.closedWithin(done ? 2000 : LEAVE_AFTER_FAILURE_MS)) return;
  }
  await client.close();
}

import { findInspector } from './findInspector.js';
import { InspectorClient } from './inspectorClient.js';
import { SnapshotFile } from './snapshotFile.js';

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
  const file = new SnapshotFile(path);
  let committed = false;
  try {
    let pending: Promise<void> | undefined;
    client.on('HeapProfiler.reportHeapSnapshotProgress', (params) => {
      options.onProgress?.({ phase: 'snapshotting', done: Number(params.done), total: Number(params.total) });
    });
    client.on('HeapProfiler.addHeapSnapshotChunk', (params) => {
      const wait = file.write(String(params.chunk));
      options.onProgress?.({ phase: 'writing', done: file.bytes, total: undefined });
      if (wait && !pending) {
        // The disk is behind: stop reading the socket until it catches up.
        client.pause();
        pending = wait.then(() => {
          pending = undefined;
          client.resume();
        });
      }
    });
    const aborted = new Promise<never>((_, reject) => {
      options.signal?.addEventListener('abort', () => reject(options.signal?.reason), { once: true });
    });
    await Promise.race([client.send('HeapProfiler.takeHeapSnapshot', { reportProgress: true }), aborted]);
    await pending;
    await file.commit();
    committed = true;
    return { path, bytes: file.bytes, port: target.port, openedInspector: target.opened };
  } finally {
    if (!committed) await file.abort();
    await leave(client, target.opened);
  }
}

/** Closes the connection; an inspector heapdot opened is closed in the process too. */
async function leave(client: InspectorClient, opened: boolean): Promise<void> {
  if (opened) {
    // process._debugEnd() stops the inspector (and so ends this connection) without touching the program.
    client.send('Runtime.evaluate', { expression: 'process._debugEnd()' }).catch(() => undefined);
    if (await client.closedWithin(2000)) return;
  }
  await client.close();
}

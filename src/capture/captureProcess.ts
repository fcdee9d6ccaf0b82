import { CaptureError } from './errors.js';
import { findInspector } from './findInspector.js';
import { InspectorClient } from './inspectorClient.js';
import { numbered, SnapshotFile } from './snapshotFile.js';

/** How long an interrupted or failed capture waits for V8 to finish, so it can close the inspector it opened. */
const LEAVE_AFTER_FAILURE_MS = 120_000;

export interface CaptureProgress {
  phase: 'connecting' | 'warming' | 'snapshotting' | 'writing' | 'waiting';
  /** Which snapshot of the series (1-based), and how many there will be. */
  snapshot: number;
  count: number;
  /**
   * Objects done and total while V8 builds the snapshot; bytes written while it streams;
   * milliseconds left while waiting for the next one.
   */
  done: number;
  total: number | undefined;
}

export interface CaptureOptions {
  /** The inspector's port when it is open already, or not on the default (Linux finds it). */
  port?: number;
  /**
   * Snapshots to take, all through one inspector session: V8 forgets its object ids when a
   * session ends, so only snapshots of one session (or of none) number objects alike. The first
   * goes to `path`, the others to numbered names beside it (app.2.heapsnapshot). @default 1
   */
  count?: number;
  /** Seconds from the start of one snapshot to the start of the next. @default 0 */
  everySeconds?: number;
  onProgress?: (progress: CaptureProgress) => void;
  /** Told of each snapshot once it is whole and in place. */
  onSnapshot?: (file: CapturedFile, index: number, count: number) => void;
  signal?: AbortSignal;
  /** How long to wait for the inspector to open. @default 10000 */
  timeoutMs?: number;
}

export interface CapturedFile {
  path: string;
  /** Bytes of snapshot text (before gzip). */
  bytes: number;
}

export interface CaptureResult {
  /** The snapshots, in the order taken. */
  files: CapturedFile[];
  /** The inspector's port, and whether heapdot opened it (and closed it again). */
  port: number;
  openedInspector: boolean;
}

/**
 * Snapshots a running Node process through its inspector, streaming HeapProfiler's chunks
 * straight to `path` (gzip if it ends in `.gz`), `count` times in one session. The process keeps
 * running; an inspector that heapdot opened is closed again afterwards, so the process is left as
 * it was. On an interrupt or a failure the snapshot being written is dropped; those already in
 * place stay (each is whole).
 */
export async function captureProcess(
  pid: number,
  path: string,
  options: CaptureOptions = {},
): Promise<CaptureResult> {
  const count = options.count ?? 1;
  const progress = (phase: CaptureProgress['phase'], snapshot: number, done = 0, total?: number) =>
    options.onProgress?.({ phase, snapshot, count, done, total });
  progress('connecting', 1);
  const target = await findInspector(pid, options);
  const client = await InspectorClient.connect(target.url);
  let finished = false;
  try {
    // An interrupt while the inspector was opening ends here, after the connection that closes it.
    options.signal?.throwIfAborted();
    await checkPid(client, pid, target.port);
    const files: CapturedFile[] = [];
    const aborted = new Promise<never>((_, reject) => {
      options.signal?.addEventListener('abort', () => reject(options.signal?.reason), { once: true });
    });
    aborted.catch(() => undefined);
    let started = 0;
    for (let index = 1; index <= count; index++) {
      if (index > 1)
        await waitUntil(started + (options.everySeconds ?? 0) * 1000, aborted, (left) =>
          progress('waiting', index, left),
        );
      started = Date.now();
      progress('warming', index);
      await warmUp(client);
      const file = await streamSnapshot(client, numbered(path, index), aborted, (phase, done, total) =>
        progress(phase, index, done, total),
      );
      files.push(file);
      options.onSnapshot?.(file, index, count);
    }
    finished = true;
    return { files, port: target.port, openedInspector: target.opened };
  } finally {
    await leave(client, target.opened, finished);
  }
}

/**
 * Has V8 compute every script's line ends now, once: Debugger.enable makes it describe each
 * script, line ends included, and they stay cached. Without them Node 20's snapshot writer finds
 * each closure's line by scanning its script's source again (Script::GetPositionInfo), which on
 * a process that loaded the 9 MB typescript.js takes minutes instead of seconds. Both commands go
 * out at once, so the program runs no code with the debugger on. A warm-up that fails costs time,
 * not the snapshot.
 */
async function warmUp(client: InspectorClient): Promise<void> {
  await Promise.all([client.send('Debugger.enable'), client.send('Debugger.disable')]).catch(() => undefined);
}

/** Sleeps until `time` (ms since the epoch), telling how long is left each second; an interrupt ends it. */
async function waitUntil(time: number, aborted: Promise<never>, tell: (left: number) => void): Promise<void> {
  for (let left = time - Date.now(); left > 0; left = time - Date.now()) {
    tell(left);
    let timer: NodeJS.Timeout | undefined;
    const tick = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, Math.min(left, 1000));
    });
    try {
      await Promise.race([tick, aborted]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** What streamSnapshot needs of a DevTools protocol connection: heapdot's own, or puppeteer's (browserProtocol.ts). */
export type SnapshotProtocol = Pick<InspectorClient, 'send' | 'on' | 'pause' | 'resume'>;

/** One HeapProfiler.takeHeapSnapshot, its chunks written to `path` as they come (with backpressure). */
export async function streamSnapshot(
  client: SnapshotProtocol,
  path: string,
  aborted: Promise<never>,
  progress: (phase: 'snapshotting' | 'writing', done: number, total?: number) => void,
): Promise<CapturedFile> {
  const output = new SnapshotFile(path);
  let committed = false;
  let stopped = false;
  try {
    let pending: Promise<void> | undefined;
    let fail: (error: unknown) => void = () => undefined;
    const failed = new Promise<never>((_, reject) => {
      fail = reject;
    });
    client.on('HeapProfiler.reportHeapSnapshotProgress', (params) => {
      progress('snapshotting', Number(params.done), Number(params.total));
    });
    client.on('HeapProfiler.addHeapSnapshotChunk', (params) => {
      if (stopped) return;
      try {
        const wait = output.write(String(params.chunk));
        progress('writing', output.bytes);
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
    await Promise.race([
      client.send('HeapProfiler.takeHeapSnapshot', { reportProgress: true }),
      aborted,
      failed,
    ]);
    await Promise.race([pending, failed]);
    await output.commit();
    committed = true;
    return { path, bytes: output.bytes };
  } finally {
    // The rest of the snapshot still streams in until V8 is done; it is read and dropped.
    stopped = true;
    client.resume();
    if (!committed) await output.abort();
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

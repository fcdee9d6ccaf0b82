import { type ChildProcess, spawn } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CaptureError } from './errors.js';
import { isRunning } from './findInspector.js';
import { numbered, SnapshotFile } from './snapshotFile.js';

export interface ProgramCaptureOptions {
  /** Seconds after the program has started: take a snapshot then, and (unless keepRunning) stop it. */
  after?: number;
  /** Run the program with allocation tracking, so the snapshot carries allocation stacks (slower). */
  trackAllocations?: boolean;
  /** After the `after` snapshot, let the program run on to its own end. */
  keepRunning?: boolean;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Told of each step: the program is ready, a snapshot is being taken, one is written. */
  onEvent?: (event: ProgramCaptureEvent) => void;
}

export type ProgramCaptureEvent =
  | { kind: 'ready'; pid: number }
  | { kind: 'taking'; pid: number; reason: SnapshotReason }
  | { kind: 'written'; path: string; bytes: number; reason: SnapshotReason };

export type SnapshotReason = 'signal' | 'after' | 'exit';

export interface ProgramCapture {
  /** Asks for a snapshot now (what SIGUSR2 to heapdot does); false if the program is not ready. */
  snapshot(): boolean;
  /** Settles when the program has ended and every snapshot is in place. */
  done: Promise<ProgramCaptureResult>;
}

export interface ProgramCaptureResult {
  files: { path: string; bytes: number; reason: SnapshotReason }[];
  exitCode: number | null;
  exitSignal: NodeJS.Signals | null;
}

interface StatusMessage {
  event: 'ready' | 'taking' | 'written' | 'failed';
  pid?: number;
  path?: string;
  reason?: 'signal' | 'exit';
  message?: string;
}

const STOP_GRACE_MS = 5000;
/** How long heapdot waits for the status pipe to end after the program has exited, twice. */
const STATUS_GRACE_MS = 250;

/** Where the hook the program loads lives: next to this module in dist, or dist's from the sources (tests, tsx). */
function preloadUrl(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const candidates = [join(here, 'preload.js'), join(here, '../../dist/capture/preload.js')];
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new CaptureError('heapdot is not built: run npm run build', 'PROGRAM_FAILED');
  return pathToFileURL(found).href;
}

/**
 * Runs `command` (a Node program: `node app.js ...`) with heapdot's hook loaded, and snapshots
 * it on request (SIGUSR2 to heapdot, or `snapshot()`), after `after` seconds, or at its exit if
 * no snapshot was taken before. The first snapshot goes to `path`, later ones to numbered names
 * beside it (app.heapsnapshot, app.2.heapsnapshot, ...); `.gz` names are compressed.
 */
export function captureProgram(
  command: string[],
  output: string,
  options: ProgramCaptureOptions = {},
): ProgramCapture {
  // The program may change its directory; a relative name would then point elsewhere.
  const path = resolve(output);
  const preload = `--import=${preloadUrl()}`;
  const env = options.env ?? process.env;
  const nodeOptions = [env.NODE_OPTIONS, preload, options.trackAllocations ? '--track-heap-objects' : '']
    .filter(Boolean)
    .join(' ');
  const tempBase = join(dirname(path), `.${basename(path)}.${process.pid}.run`);
  const child = spawn(command[0], command.slice(1), {
    stdio: ['inherit', 'inherit', 'inherit', 'pipe'],
    env: {
      ...env,
      NODE_OPTIONS: nodeOptions,
      HEAPDOT_CAPTURE_TEMP: tempBase,
      HEAPDOT_CAPTURE_STATUS_FD: '3',
      HEAPDOT_CAPTURE_PRELOAD: preload,
    },
  });
  let readyPid: number | undefined;
  let asked: SnapshotReason = 'signal';
  const snapshot = (reason: SnapshotReason = 'signal') => {
    if (readyPid === undefined) return false;
    asked = reason;
    try {
      process.kill(readyPid, 'SIGUSR2');
      return true;
    } catch {
      return false;
    }
  };
  let notReady: CaptureError | undefined;
  if (options.after !== undefined) {
    const timer = setTimeout(() => {
      if (snapshot('after')) return;
      notReady = new CaptureError(
        `${command[0]} had not loaded heapdot's hook after ${options.after} s: capture runs Node programs, e.g. -- node app.js`,
        'PROGRAM_FAILED',
      );
      child.kill('SIGTERM');
    }, options.after * 1000);
    child.once('exit', () => clearTimeout(timer));
  }
  const done = run(child, path, tempBase, options, {
    onReady: (pid) => {
      readyPid = pid;
    },
    reasonOf: (reason) => (reason === 'exit' ? 'exit' : asked),
    notReady: () => notReady,
  });
  return { snapshot: () => snapshot('signal'), done };
}

interface Hooks {
  onReady(pid: number): void;
  reasonOf(reason: 'signal' | 'exit'): SnapshotReason;
  /** Set when the program was stopped because it never loaded the hook. */
  notReady(): CaptureError | undefined;
}

async function run(
  child: ChildProcess,
  path: string,
  tempBase: string,
  options: ProgramCaptureOptions,
  hooks: Hooks,
): Promise<ProgramCaptureResult> {
  const files: ProgramCaptureResult['files'] = [];
  const failures: string[] = [];
  /** The Node process that loaded the hook: the program, or one it started (sh -c 'node app.js'). */
  let hookPid: number | undefined;
  let finishing = Promise.resolve();
  let snapshotCount = 0;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', (error) => {
      const code = (error as NodeJS.ErrnoException).code;
      reject(
        new CaptureError(
          code === 'ENOENT'
            ? `cannot run ${child.spawnfile}: no such command`
            : `cannot run ${child.spawnfile} (${code ?? error.message})`,
          'PROGRAM_FAILED',
        ),
      );
    });
    // 'exit', not 'close': a process the program left behind may hold its streams open for long.
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const status = child.stdio[3] as Readable;
  const lines = createInterface({ input: status });
  let linesDone = false;
  const linesClosed = new Promise<void>((resolve) =>
    lines.once('close', () => {
      linesDone = true;
      resolve();
    }),
  );
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS).unref();
    }
    // A Node program started by a wrapper (sh -c 'node app.js') does not end with the wrapper.
    if (hookPid !== undefined && hookPid !== child.pid) {
      const pid = hookPid;
      signalIfRunning(pid, 'SIGTERM');
      setTimeout(() => {
        if (!linesDone) signalIfRunning(pid, 'SIGKILL');
      }, STOP_GRACE_MS).unref();
    }
  };
  options.signal?.addEventListener('abort', stop, { once: true });
  lines.on('line', (line) => {
    let message: StatusMessage;
    try {
      message = JSON.parse(line);
    } catch {
      return;
    }
    if (message.event === 'ready' && message.pid !== undefined) {
      hookPid = message.pid;
      hooks.onReady(message.pid);
      options.onEvent?.({ kind: 'ready', pid: message.pid });
    } else if (message.event === 'taking' && message.reason) {
      options.onEvent?.({ kind: 'taking', pid: message.pid ?? 0, reason: hooks.reasonOf(message.reason) });
    } else if (message.event === 'written' && message.path && message.reason) {
      const reason = hooks.reasonOf(message.reason);
      // Numbered as the messages arrive: moves finish later, and in any order.
      const target = numbered(path, ++snapshotCount);
      const temp = message.path;
      finishing = finishing.then(async () => {
        try {
          const bytes = await moveIntoPlace(temp, target);
          files.push({ path: target, bytes, reason });
          options.onEvent?.({ kind: 'written', path: target, bytes, reason });
          if (reason === 'after' && !options.keepRunning) stop();
        } catch (error) {
          failures.push((error as Error).message);
        }
      });
    } else if (message.event === 'failed') {
      failures.push(`the program could not write its snapshot (${message.message ?? 'unknown error'})`);
    }
  });
  try {
    const { code, signal } = await exited;
    await statusEnded(
      linesClosed,
      () => hookPid !== undefined && hookPid !== child.pid && isRunning(hookPid),
    );
    lines.close();
    status.destroy();
    await finishing;
    options.signal?.throwIfAborted();
    const notReady = hooks.notReady();
    if (notReady) throw notReady;
    if (failures.length > 0 && files.length === 0) throw new CaptureError(failures[0], 'WRITE_FAILED');
    if (hookPid === undefined) {
      throw new CaptureError(
        `${child.spawnfile} did not load heapdot's hook (exit ${signal ?? code}): capture runs Node programs, e.g. -- node app.js`,
        'PROGRAM_FAILED',
      );
    }
    if (files.length === 0) {
      throw new CaptureError(
        `the program ended (${signal ? `killed by ${signal}` : `exit status ${code}`}) before any snapshot was taken`,
        'PROGRAM_FAILED',
      );
    }
    return { files, exitCode: code, exitSignal: signal };
  } finally {
    options.signal?.removeEventListener('abort', stop);
    await removeTemps(path, tempBase);
  }
}

/**
 * The status pipe ends when every process holding it has ended, and a process the program left
 * behind without loading the hook (the `sleep` of sh -c 'sleep 60') may hold it long after. So
 * once the program has exited, heapdot waits for the pipe only while the hooked process runs, and
 * then for two more short pauses, long enough to read the messages already in the pipe.
 */
async function statusEnded(closed: Promise<void>, hookRunning: () => boolean): Promise<void> {
  let quiet = 0;
  while (quiet < 2) {
    let timer: NodeJS.Timeout | undefined;
    const pause = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), STATUS_GRACE_MS);
    });
    const ended = await Promise.race([closed.then(() => true), pause]);
    clearTimeout(timer);
    if (ended) return;
    quiet = hookRunning() ? 0 : quiet + 1;
  }
}

function signalIfRunning(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // it has ended already
  }
}

/** The program's plain snapshot goes to its name: renamed, or compressed when the name ends in .gz. */
async function moveIntoPlace(temp: string, target: string): Promise<number> {
  if (!target.endsWith('.gz')) {
    try {
      await rename(temp, target);
      return (await stat(target)).size;
    } catch (error) {
      throw new CaptureError(
        `cannot write ${target} (${(error as NodeJS.ErrnoException).code})`,
        'WRITE_FAILED',
      );
    }
  }
  const file = new SnapshotFile(target);
  try {
    await pipeline(createReadStream(temp), async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) await file.write(chunk);
    });
    await file.commit();
    return file.bytes;
  } catch (error) {
    await file.abort();
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

async function removeTemps(path: string, tempBase: string): Promise<void> {
  const prefix = basename(tempBase);
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((name) => name.startsWith(prefix))
      .map((name) => rm(join(dirname(path), name), { force: true })),
  );
}

/**
 * Loaded into the program `heapdot capture -- node app.js` runs (through NODE_OPTIONS `--import`):
 * it writes a snapshot on SIGUSR2 and, if none was taken, at exit, and tells heapdot through a
 * pipe (fd 3) when each one is written. Only the first Node process of the command takes it;
 * the processes it starts run as usual. Before each snapshot it has V8 index its scripts' lines
 * (warmUp). It runs inside the user's program, so it does nothing else, imports only Node's own
 * modules, and never throws.
 */
import { fstatSync, writeSync } from 'node:fs';
import type { Session } from 'node:inspector';
import { createRequire } from 'node:module';
import { writeHeapSnapshot } from 'node:v8';

const TEMP = 'HEAPDOT_CAPTURE_TEMP';
const STATUS_FD = 'HEAPDOT_CAPTURE_STATUS_FD';
const PRELOAD = 'HEAPDOT_CAPTURE_PRELOAD';

function statusPipe(): number | undefined {
  const fd = Number(process.env[STATUS_FD]);
  if (!Number.isInteger(fd) || fd < 3) return undefined;
  try {
    // heapdot passes a pipe, which Node makes as a socket pair.
    const stats = fstatSync(fd);
    return stats.isSocket() || stats.isFIFO() ? fd : undefined;
  } catch {
    return undefined;
  }
}

function forgetHeapdot(): void {
  const preload = process.env[PRELOAD];
  if (preload && process.env.NODE_OPTIONS)
    process.env.NODE_OPTIONS = process.env.NODE_OPTIONS.replace(preload, '').trim();
  delete process.env[TEMP];
  delete process.env[STATUS_FD];
  delete process.env[PRELOAD];
}

let session: Session | undefined;

/**
 * Has V8 compute every script's line ends before a snapshot (Debugger.enable describes each
 * script, line ends included, and they stay cached): without them Node 20's snapshot writer scans
 * a script's source again for each of its closures, minutes for a program that loaded the 9 MB
 * typescript.js. The session stays open for the life of the process: when a session ends, V8
 * forgets the ids it gave objects, and the next snapshot would number them anew. An in-process
 * session answers at once, so this stays synchronous (it also runs at exit), and it does not keep
 * the process alive. A Node without an inspector just takes the slower snapshot.
 */
function warmUp(): void {
  try {
    if (!session) {
      const { Session: InspectorSession } = createRequire(import.meta.url)(
        'node:inspector',
      ) as typeof import('node:inspector');
      session = new InspectorSession();
      session.connect();
    }
    session.post('Debugger.enable');
    session.post('Debugger.disable');
  } catch {
    // no inspector in this Node: the snapshot is only slower
  }
}

function install(fd: number, tempBase: string): void {
  let taken = 0;
  /** False when heapdot has gone (the pipe is closed): then the program just goes on. */
  const report = (message: Record<string, unknown>): boolean => {
    try {
      writeSync(fd, `${JSON.stringify(message)}\n`);
      return true;
    } catch {
      return false;
    }
  };
  const take = (reason: 'signal' | 'exit') => {
    taken++;
    const path = `${tempBase}.${taken}`;
    const started = Date.now();
    // Nobody would move a snapshot into place any more: do not leave a hidden file behind.
    if (!report({ event: 'taking', reason, pid: process.pid })) return;
    try {
      warmUp();
      writeHeapSnapshot(path);
      report({ event: 'written', reason, path, ms: Date.now() - started });
    } catch (error) {
      report({ event: 'failed', reason, message: (error as Error).message });
    }
  };
  process.on('SIGUSR2', () => take('signal'));
  process.on('exit', () => {
    if (taken === 0) take('exit');
  });
  report({ event: 'ready', pid: process.pid });
}

const fd = statusPipe();
const tempBase = process.env[TEMP];
forgetHeapdot();
if (fd !== undefined && tempBase) install(fd, tempBase);

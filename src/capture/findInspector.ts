import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { get } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { CaptureError } from './errors.js';

/**
 * Finding (or opening) the inspector of a running Node process: the checks that keep heapdot from
 * signalling a process it must not (SIGUSR1 kills a process that does not catch it), the signal
 * that makes Node open its inspector, and the port it listens on. On Linux the port is read from
 * /proc (the process's listening sockets), so `--inspect-port=0` and busy ports work; elsewhere
 * heapdot assumes Node's default 9229 unless told `--port`.
 */

export interface InspectorTarget {
  port: number;
  /** The WebSocket URL of the process's inspector. */
  url: string;
  /** True when heapdot opened the inspector (and so should close it again). */
  opened: boolean;
}

export interface FindInspectorOptions {
  /** The inspector's port, when known (it is open already, or the process was started with --inspect-port). */
  port?: number;
  /** How long to wait for the inspector after the signal. @default 10000 */
  timeoutMs?: number;
}

const DEFAULT_PORT = 9229;
const SIGUSR1 = 10;
const PROBE_TIMEOUT_MS = 1000;

/** The process's inspector, opened with SIGUSR1 when it is not open yet. */
export async function findInspector(
  pid: number,
  options: FindInspectorOptions = {},
): Promise<InspectorTarget> {
  checkProcess(pid);
  const known = options.port !== undefined ? [options.port] : listeningPorts(pid);
  for (const port of known ?? [DEFAULT_PORT]) {
    const url = await probe(port);
    if (url) return { port, url, opened: false };
  }
  checkLooksLikeNode(pid);
  activate(pid);
  const deadline = Date.now() + (options.timeoutMs ?? 10000);
  const before = new Set(known ?? []);
  while (Date.now() < deadline) {
    // Not stopped by an interrupt: the signal is sent, so the inspector must be found to be closed again.
    await sleep(50);
    const candidates =
      options.port !== undefined
        ? [options.port]
        : (listeningPorts(pid)?.filter((port) => !before.has(port)) ?? [DEFAULT_PORT]);
    for (const port of candidates) {
      const url = await probe(port);
      if (url) return { port, url, opened: true };
    }
    checkProcess(pid);
  }
  const where = options.port !== undefined ? ` on port ${options.port}` : '';
  throw new CaptureError(
    `process ${pid} did not open an inspector${where} within ${Math.round((options.timeoutMs ?? 10000) / 1000)} s (was it started with --disable-sigusr1, or is its inspector port taken?)`,
    'NO_INSPECTOR',
  );
}

/** Whether a process with this pid exists (and may be signalled by this user). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Throws unless `pid` names a process this user may signal. */
export function checkProcess(pid: number): void {
  try {
    process.kill(pid, 0);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') throw new CaptureError(`no process has pid ${pid}`, 'NO_SUCH_PROCESS');
    if (code === 'EPERM') {
      throw new CaptureError(
        `process ${pid} belongs to another user: heapdot cannot signal it (run heapdot as that user)`,
        'NOT_PERMITTED',
      );
    }
    throw error;
  }
}

/**
 * Node catches SIGUSR1 (to open its inspector); most other programs do not and would be killed
 * by it. Where /proc tells (Linux), a process must catch it and run a Node executable (by the
 * name of its executable or of its argv[0]); anything else is refused without a signal.
 */
function checkLooksLikeNode(pid: number): void {
  const status = readProc(`/proc/${pid}/status`);
  if (status === undefined) return;
  const caught = /^SigCgt:\s*([0-9a-f]+)$/im.exec(status)?.[1];
  const name = /^Name:\s*(.*)$/m.exec(status)?.[1] ?? 'it';
  if (caught !== undefined && (BigInt(`0x${caught}`) & (1n << BigInt(SIGUSR1 - 1))) === 0n) {
    throw new CaptureError(
      `process ${pid} (${name}) is not a Node process that can open its inspector: it does not catch SIGUSR1, which would kill it`,
      'NOT_NODE',
    );
  }
  let executable = '';
  try {
    executable = readlinkSync(`/proc/${pid}/exe`);
  } catch {
    // not readable: judge by argv[0] alone
  }
  const argv0 = (readProc(`/proc/${pid}/cmdline`) ?? '').split('\0')[0];
  const looksLikeNode = [executable, argv0].some((path) =>
    /node/i.test(path.slice(path.lastIndexOf('/') + 1)),
  );
  if (!looksLikeNode) {
    throw new CaptureError(
      `process ${pid} (${name}) does not look like Node (its executable is ${executable || argv0 || 'unknown'}); if it is, open its inspector yourself (node --inspect, or kill -USR1) and pass --port`,
      'NOT_NODE',
    );
  }
}

function activate(pid: number): void {
  if (process.platform === 'win32') {
    // Windows has no SIGUSR1: Node offers this for exactly this purpose.
    (process as unknown as { _debugProcess(pid: number): void })._debugProcess(pid);
  } else {
    process.kill(pid, 'SIGUSR1');
  }
}

/** The TCP ports the process listens on (Linux, from /proc), or undefined where that cannot be known. */
export function listeningPorts(pid: number): number[] | undefined {
  const fdDir = `/proc/${pid}/fd`;
  if (!existsSync(fdDir)) return undefined;
  const sockets = new Set<string>();
  let fds: string[];
  try {
    fds = readdirSync(fdDir);
  } catch {
    return undefined;
  }
  for (const fd of fds) {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`${fdDir}/${fd}`))?.[1];
      if (inode) sockets.add(inode);
    } catch {
      // closed while listed
    }
  }
  const ports = new Set<number>();
  for (const table of ['tcp', 'tcp6']) {
    const text = readProc(`/proc/${pid}/net/${table}`) ?? '';
    for (const line of text.split('\n').slice(1)) {
      const columns = line.trim().split(/\s+/);
      // st 0A is LISTEN; column 9 is the socket's inode.
      if (columns.length > 9 && columns[3] === '0A' && sockets.has(columns[9])) {
        ports.add(Number.parseInt(columns[1].split(':')[1], 16));
      }
    }
  }
  return [...ports].sort((a, b) => a - b);
}

/** The inspector's WebSocket URL if `port` on loopback is a Node inspector, else undefined. */
export function probe(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const request = get(
      { host: '127.0.0.1', port, path: '/json/list', timeout: PROBE_TIMEOUT_MS },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (text: string) => {
          body += text;
          if (body.length > 1 << 20) request.destroy();
        });
        response.on('end', () => {
          try {
            const targets = JSON.parse(body) as { webSocketDebuggerUrl?: unknown }[];
            const url = Array.isArray(targets)
              ? targets.find((t) => typeof t.webSocketDebuggerUrl === 'string')
              : undefined;
            resolve(url?.webSocketDebuggerUrl as string | undefined);
          } catch {
            resolve(undefined);
          }
        });
        response.on('error', () => resolve(undefined));
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(undefined));
  });
}

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

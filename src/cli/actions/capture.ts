import { access, constants } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  type CaptureProgress,
  captureProcess,
  captureProgram,
  formatBytes,
  type ProgramCaptureEvent,
} from '../../index.js';
import { UsageError } from '../errors.js';
import type { CliIO } from '../io.js';
import { type StatusLine, statusLine } from '../progress.js';

export interface CaptureCliOptions {
  pid?: number;
  port?: number;
  count?: number;
  every?: number;
  output?: string;
  after?: number;
  trackAllocations?: boolean;
  keepRunning?: boolean;
  quiet?: boolean;
  progress: boolean;
  url?: string;
  scenario?: string;
  outDir?: string;
  browser?: string;
  page?: string;
  warmUp?: number;
}

/** Which options go together: a usage error (exit status 2) names the first that does not. */
export function checkCaptureUsage(command: string[], options: CaptureCliOptions): void {
  if (options.pid !== undefined && command.length > 0)
    throw new UsageError('give either --pid or a command after --, not both');
  if (options.pid === undefined && command.length === 0)
    throw new UsageError(
      'say what to snapshot: --pid PID, a command after -- (heapdot capture -o FILE -- node app.js), --url URL or --port PORT (a browser)',
    );
  if (options.pid !== undefined) {
    const runOnly = (['after', 'trackAllocations', 'keepRunning'] as const).filter(
      (key) => options[key] !== undefined,
    );
    if (runOnly.length > 0) {
      throw new UsageError(
        `--${runOnly[0].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} is for a program heapdot runs, not --pid (allocation tracking must be on from the start)`,
      );
    }
  }
  if (options.port !== undefined && options.pid === undefined)
    throw new UsageError("--port goes with --pid, or alone for a browser's DevTools port");
  if (options.count !== undefined && options.pid === undefined)
    throw new UsageError('--count goes with --pid (a program heapdot runs takes one snapshot per SIGUSR2)');
  if (options.every !== undefined && (options.count ?? 1) < 2)
    throw new UsageError('--every goes with --count 2 or more');
  if ((options.count ?? 1) > 1 && options.every === undefined)
    throw new UsageError(
      `--count ${options.count} needs --every SECONDS: the time from one snapshot to the next`,
    );
  if (options.keepRunning && options.after === undefined)
    throw new UsageError('--keep-running goes with --after');
}

/** -o, checked before anything starts; without it, heapdot-WHAT-TIME.heapsnapshot (WHAT: the pid, "run", "page"). */
export async function outputPath(options: CaptureCliOptions, what: number | string): Promise<string> {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const path = options.output ?? `heapdot-${what}-${stamp}.heapsnapshot`;
  if (path === '-') throw new UsageError('a snapshot goes to a file, not standard output');
  try {
    await access(dirname(path), constants.W_OK);
  } catch {
    throw new UsageError(`cannot write ${path}: its folder does not exist or is not writable`);
  }
  return path;
}

export async function capturePid(io: CliIO, pid: number, options: CaptureCliOptions): Promise<void> {
  const path = await outputPath(options, pid);
  const status = statusLine(io.stderr, options.progress && !options.quiet);
  const count = options.count ?? 1;
  try {
    const result = await captureProcess(pid, path, {
      port: options.port,
      count,
      everySeconds: options.every,
      signal: io.signal,
      onProgress: (progress) => status.show(describeProgress(pid, progress)),
      onSnapshot: (file, index) => {
        status.clear();
        if (count > 1 && !options.quiet)
          io.stderr.write(
            `wrote ${file.path} (${formatBytes(file.bytes)} of snapshot, ${index} of ${count})\n`,
          );
      },
    });
    status.clear();
    if (!options.quiet) {
      const inspector = result.openedInspector
        ? `its inspector was opened on port ${result.port} and closed again`
        : `through its open inspector on port ${result.port}`;
      const [only] = result.files;
      const what =
        count === 1
          ? `wrote ${only.path} (${formatBytes(only.bytes)} of snapshot) from process ${pid}`
          : `took ${count} snapshots of process ${pid} in one inspector session (their ids compare)`;
      io.stderr.write(`${what}, ${inspector}; it is still running\n`);
    }
  } finally {
    status.clear();
  }
}

function describeProgress(pid: number, progress: CaptureProgress): string {
  const which = progress.count > 1 ? ` snapshot ${progress.snapshot} of ${progress.count}:` : '';
  if (progress.phase === 'connecting') return `process ${pid}: opening its inspector`;
  if (progress.phase === 'waiting') return `process ${pid}:${which} in ${Math.ceil(progress.done / 1000)} s`;
  if (progress.phase === 'warming') return `process ${pid}:${which} V8 is indexing its scripts' lines`;
  return `process ${pid}:${which} ${snapshotText(progress.phase, progress.done, progress.total)}`;
}

/** The snapshot's own progress, after whose it is: V8 walking the heap, then the file growing. */
export function snapshotText(phase: string, done: number, total: number | undefined): string {
  if (phase === 'snapshotting' && total) {
    const percent = Math.floor((100 * done) / total);
    return `V8 is taking the snapshot  ${percent}%  (${done} of ${total} objects)`;
  }
  return `writing the snapshot  ${formatBytes(done)}`;
}

export async function captureRun(io: CliIO, command: string[], options: CaptureCliOptions): Promise<void> {
  const path = await outputPath(options, 'run');
  const status = statusLine(io.stderr, options.progress && !options.quiet);
  const run = captureProgram(command, path, {
    after: options.after,
    trackAllocations: options.trackAllocations,
    keepRunning: options.keepRunning,
    env: io.env,
    signal: io.signal,
    onEvent: (event) => report(io, options, status, event),
  });
  // SIGUSR2 to heapdot asks for a snapshot, as SIGUSR2 to the program would.
  const onSignal = () => {
    if (!run.snapshot())
      io.stderr.write('heapdot: SIGUSR2 ignored: the program has not loaded the hook yet\n');
  };
  process.on('SIGUSR2', onSignal);
  try {
    await run.done;
  } finally {
    process.off('SIGUSR2', onSignal);
    status.clear();
  }
}

function report(io: CliIO, options: CaptureCliOptions, status: StatusLine, event: ProgramCaptureEvent): void {
  if (event.kind === 'taking')
    status.show(`process ${event.pid}: writing a snapshot (${reasonText(event.reason)})`);
  if (event.kind !== 'written') return;
  status.clear();
  if (!options.quiet)
    io.stderr.write(`wrote ${event.path} (${formatBytes(event.bytes)}, ${reasonText(event.reason)})\n`);
}

function reasonText(reason: 'signal' | 'after' | 'exit'): string {
  return reason === 'signal' ? 'on SIGUSR2' : reason === 'after' ? 'after --after' : 'at exit';
}

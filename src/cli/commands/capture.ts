import { access, constants } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import {
  type CaptureProgress,
  captureProcess,
  captureProgram,
  formatBytes,
  type ProgramCaptureEvent,
} from '../../index.js';
import { UsageError } from '../errors.js';
import type { CliIO } from '../io.js';
import { DEBUG_OPTION, wholeNumber } from '../options.js';
import { type StatusLine, statusLine } from '../progress.js';

interface CaptureOptions {
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
}

const EXAMPLES = `
Examples:
  $ heapdot capture --pid 4242 -o service.heapsnapshot.gz
  $ heapdot capture --pid 4242 --port 9230 -o service.heapsnapshot
  $ heapdot capture --pid 4242 --count 3 --every 60 -o svc.heapsnapshot.gz
  $ heapdot leaks svc.heapsnapshot.gz svc.2.heapsnapshot.gz svc.3.heapsnapshot.gz
  $ heapdot capture -o app.heapsnapshot -- node app.js --port 8080
  $ heapdot capture --after 30 -o warm.heapsnapshot -- node server.js
  $ heapdot capture --track-allocations -o traced.heapsnapshot -- node app.js
  $ heapdot sites traced.heapsnapshot

--pid: heapdot sends the process SIGUSR1 (Node opens its inspector on it; on
Linux heapdot first checks that the process catches SIGUSR1 and runs a Node
executable, so nothing else is signalled), takes the snapshot over the inspector
on 127.0.0.1 (a --port must be the process's own), and closes the inspector
again, also after Ctrl-C, SIGTERM or SIGHUP. The process prints "Debugger
listening/attached" on its standard error and pauses while V8 writes the
snapshot; it is not restarted.
V8 numbers objects anew whenever an inspector session ends, so snapshots of
separate runs cannot be compared by id (diff's new and freed objects, leaks):
--count N --every SECONDS takes a series in one session (svc.2.heapsnapshot.gz,
...), whose ids compare.

-- COMMAND: heapdot runs the Node program with a hook (NODE_OPTIONS --import)
that writes a snapshot on SIGUSR2 (send it to heapdot or to the program), after
--after seconds (then the program is stopped, unless --keep-running), or at the
program's exit if none was taken. Later snapshots get numbered names
(app.2.heapsnapshot). --track-allocations runs it with --track-heap-objects, so
'heapdot sites' can say where live objects were allocated; it slows the program.
A FILE ending in .gz is written gzip-compressed.
`;

export function captureCommand(io: CliIO): Command {
  return new Command('capture')
    .description('snapshot a running Node process (--pid) or a program heapdot runs (-- node app.js)')
    .argument('[command...]', 'after --: the Node program to run and snapshot')
    .option('--pid <pid>', 'the running Node process to snapshot', wholeNumber(1))
    .option('--port <port>', 'its inspector port, when already open or not the default (9229)', port)
    .option(
      '--count <n>',
      'with --pid: take N snapshots in one inspector session (ids compare)',
      wholeNumber(1),
    )
    .option('--every <seconds>', 'with --count: from the start of one snapshot to the next', seconds)
    .option(
      '-o, --output <file>',
      'where the snapshot goes (.gz: compressed); default heapdot-PID-TIME.heapsnapshot',
    )
    .option('--after <seconds>', 'with a command: snapshot after this many seconds, then stop it', seconds)
    .option('--track-allocations', 'with a command: record allocation stacks (for heapdot sites)')
    .option('--keep-running', 'with --after: let the program run on after the snapshot')
    .option('-q, --quiet', 'print nothing on standard error but errors')
    .option('--no-progress', 'do not show progress on standard error')
    .option(...DEBUG_OPTION)
    .addHelpText('after', EXAMPLES)
    .action(async (command: string[], options: CaptureOptions) => {
      checkUsage(command, options);
      if (options.pid !== undefined) await capturePid(io, options.pid, options);
      else await captureRun(io, command, options);
    });
}

function checkUsage(command: string[], options: CaptureOptions): void {
  if (options.pid !== undefined && command.length > 0)
    throw new UsageError('give either --pid or a command after --, not both');
  if (options.pid === undefined && command.length === 0)
    throw new UsageError(
      'say what to snapshot: --pid PID, or a command after -- (heapdot capture -o FILE -- node app.js)',
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
  if (options.port !== undefined && options.pid === undefined) throw new UsageError('--port goes with --pid');
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

async function outputPath(options: CaptureOptions, pid: number | undefined): Promise<string> {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const path = options.output ?? `heapdot-${pid ?? 'run'}-${stamp}.heapsnapshot`;
  if (path === '-') throw new UsageError('a snapshot goes to a file, not standard output');
  try {
    await access(dirname(path), constants.W_OK);
  } catch {
    throw new UsageError(`cannot write ${path}: its folder does not exist or is not writable`);
  }
  return path;
}

async function capturePid(io: CliIO, pid: number, options: CaptureOptions): Promise<void> {
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
  if (progress.phase === 'snapshotting' && progress.total) {
    const percent = Math.floor((100 * progress.done) / progress.total);
    return `process ${pid}:${which} V8 is taking the snapshot  ${percent}%  (${progress.done} of ${progress.total} objects)`;
  }
  return `process ${pid}:${which} writing the snapshot  ${formatBytes(progress.done)}`;
}

async function captureRun(io: CliIO, command: string[], options: CaptureOptions): Promise<void> {
  const path = await outputPath(options, undefined);
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

function report(io: CliIO, options: CaptureOptions, status: StatusLine, event: ProgramCaptureEvent): void {
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

function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 65535)
    throw new InvalidArgumentError('use a port from 1 to 65535.');
  return n;
}

function seconds(value: string): number {
  const n = Number(value);
  // setTimeout takes at most 2^31 - 1 ms (about 24 days).
  if (!/^\d+(\.\d+)?$/.test(value) || n <= 0 || n > 2_000_000)
    throw new InvalidArgumentError('use a number of seconds > 0 and at most 2000000.');
  return n;
}

import { Command } from 'commander';
import { type CaptureCliOptions, capturePid, captureRun, checkCaptureUsage } from '../actions/capture.js';
import { CAPTURE_HELP } from '../captureHelp.js';
import type { CliIO } from '../io.js';
import { DEBUG_OPTION, wholeNumber } from '../options.js';
import { port, seconds } from '../parsers.js';

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
    .addHelpText('after', CAPTURE_HELP)
    .action(async (command: string[], options: CaptureCliOptions) => {
      checkCaptureUsage(command, options);
      if (options.pid !== undefined) await capturePid(io, options.pid, options);
      else await captureRun(io, command, options);
    });
}

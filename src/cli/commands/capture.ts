import { Command } from 'commander';
import { type CaptureCliOptions, capturePid, captureRun, checkCaptureUsage } from '../actions/capture.js';
import { captureBrowser, checkBrowserUsage } from '../actions/captureBrowser.js';
import { CAPTURE_HELP } from '../captureHelp.js';
import type { CliIO } from '../io.js';
import { DEBUG_OPTION, wholeNumber } from '../options.js';
import { port, seconds } from '../parsers.js';

export function captureCommand(io: CliIO): Command {
  return new Command('capture')
    .description(
      'snapshot a running Node process (--pid), a program heapdot runs (-- node app.js), or a web page (--url, --scenario, --port)',
    )
    .argument('[command...]', 'after --: the Node program to run and snapshot')
    .option('--pid <pid>', 'the running Node process to snapshot', wholeNumber(1))
    .option(
      '--port <port>',
      "with --pid: its inspector port, when already open or not the default (9229); alone: a running browser's DevTools port",
      port,
    )
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
    .option(
      '--url <url>',
      'load this page in headless Chromium and snapshot it (with --scenario: instead of its url())',
    )
    .option(
      '--scenario <file>',
      'run a memlab scenario file: baseline, target and final snapshots, then heapdot leaks',
    )
    .option('--out-dir <dir>', 'with --scenario: where s1, s2 and s3.heapsnapshot go')
    .option(
      '--warm-up <n>',
      'with --scenario: rounds of action and back before the baseline (default 1; memlab: 0)',
      wholeNumber(0),
    )
    .option(
      '--browser <path>',
      'with --url: the Chromium or Chrome to start (default: CHROME_PATH, else chromium on PATH)',
    )
    .option('--page <text>', 'with --port: the page whose URL or title contains TEXT')
    .option('-q, --quiet', 'print nothing on standard error but errors')
    .option('--no-progress', 'do not show progress on standard error')
    .option(...DEBUG_OPTION)
    .addHelpText('after', CAPTURE_HELP)
    .action(async (command: string[], options: CaptureCliOptions) => {
      if (checkBrowserUsage(command, options)) return captureBrowser(io, options);
      checkCaptureUsage(command, options);
      if (options.pid !== undefined) await capturePid(io, options.pid, options);
      else await captureRun(io, command, options);
    });
}

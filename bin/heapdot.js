#!/usr/bin/env node
import { processIO } from '../dist/cli/io.js';
import { runCli } from '../dist/cli/program.js';

// A reader that stops early (`heapdot find ... | head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
// Ctrl-C stops a long read at the next chunk, with exit status 130; nothing has been written by then
// (outputs come last, atomically). A read waiting on a stalled pipe is not left hanging: after half
// a second the process ends anyway. A second Ctrl-C ends it at once.
const interrupt = new AbortController();
process.once('SIGINT', () => {
  interrupt.abort();
  setTimeout(() => {
    process.stderr.write('heapdot: interrupted\n');
    process.exit(130);
  }, 500).unref();
});
process.exitCode = await runCli(process.argv.slice(2), { ...processIO(), signal: interrupt.signal });
process.removeAllListeners('SIGINT');

#!/usr/bin/env node

// A reader that stops early (`heapdot find ... | head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
// Ctrl-C stops a long read at the next chunk, with exit status 130; nothing has been written by then
// (outputs come last, atomically). A read waiting on a stalled pipe is not left hanging: after half
// a second the process ends anyway. A second Ctrl-C ends it at once. SIGTERM and SIGHUP (a
// supervisor, a closed terminal) do the same, with 128 + their number (143, 129), as shells report.
// capture is the exception: it must first close the inspector it opened in another process, or stop
// the program it started, and clean up; it does so as soon as it can, and a second signal still ends it.
const cleansUpFirst = process.argv[2] === 'capture';
const STOP_SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
const interrupt = new AbortController();
let deadline;
let interruptedStatus = 130;
const onStopSignal = (signal) => {
  // The first of them interrupts; any second one gets Node's default: the process ends at once.
  for (const name of Object.keys(STOP_SIGNALS)) process.off(name, onStopSignal);
  interruptedStatus = STOP_SIGNALS[signal];
  interrupt.abort();
  if (cleansUpFirst) return;
  deadline = setTimeout(() => {
    process.stderr.write('heapdot: interrupted\n');
    process.exit(interruptedStatus);
  }, 500);
  deadline.unref();
};
for (const name of Object.keys(STOP_SIGNALS)) process.on(name, onStopSignal);
// Loaded after the handler is in place, so a Ctrl-C during start-up is an interrupt too, not a kill.
const { processIO } = await import('../dist/cli/io.js');
const { runCli } = await import('../dist/cli/program.js');
const code = await runCli(process.argv.slice(2), { ...processIO(), signal: interrupt.signal });
clearTimeout(deadline);
// After an interrupt, standard input may still be open and would keep the process alive.
if (interrupt.signal.aborted) process.exit(code === 130 ? interruptedStatus : code);
process.exitCode = code;
for (const name of Object.keys(STOP_SIGNALS)) process.off(name, onStopSignal);

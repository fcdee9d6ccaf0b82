#!/usr/bin/env node
import { processIO } from '../dist/cli/io.js';
import { runCli } from '../dist/cli/program.js';

// A reader that stops early (`heapdot find ... | head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
process.exitCode = await runCli(process.argv.slice(2), processIO());

#!/usr/bin/env node
import { processIO } from '../dist/cli/io.js';
import { runCli } from '../dist/cli/program.js';

process.exitCode = await runCli(process.argv.slice(2), processIO());

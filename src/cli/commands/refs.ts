import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import { neighbourhoodCommand } from '../neighbourhoodCommand.js';

export function refsCommand(io: CliIO): Command {
  return neighbourhoodCommand(
    io,
    'refs',
    'what the target holds, to --max-depth levels, largest first (objgraph show_refs)',
  );
}

import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import { neighbourhoodCommand } from '../neighbourhoodCommand.js';

export function backrefsCommand(io: CliIO): Command {
  return neighbourhoodCommand(
    io,
    'backrefs',
    'who holds the target, to --max-depth levels (objgraph show_backrefs)',
  );
}

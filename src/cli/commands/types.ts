import { Command, Option } from 'commander';
import { rankedTypes, type TypesOptions, typesRenderers } from '../actions/types.js';
import { emit, planOutputs } from '../emit.js';
import type { CliIO } from '../io.js';
import { loadSnapshot } from '../load.js';
import { addAllOption, addCommonOptions, SNAPSHOT_ARGUMENT, wholeNumber } from '../options.js';

const FORMATS = ['text', 'json', 'csv'] as const;

export function typesCommand(io: CliIO): Command {
  const command = new Command('types')
    .description('the most common classes: count, self size and retained size (objgraph most_common_types)')
    .argument(...SNAPSHOT_ARGUMENT)
    .addOption(
      new Option('--sort <by>', 'order by count, self size or retained size')
        .choices(['count', 'self', 'retained'])
        .default('count'),
    )
    .option('--limit <n>', 'list the first N classes (CSV and JSON list them all)', wholeNumber(1), 20)
    .option('--no-retained', 'skip retained sizes (about halves the time)');
  addAllOption(command);
  addCommonOptions(command, FORMATS);
  return command.action(async (snapshot: string, options: TypesOptions) => {
    const destinations = await planOutputs(options, FORMATS, [snapshot]);
    const stats = rankedTypes(await loadSnapshot(snapshot, io, options), io, options);
    await emit(io, destinations, typesRenderers(stats, options), options.quiet);
  });
}

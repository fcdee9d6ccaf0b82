import { Command, Option } from 'commander';
import { type SitesCliOptions, sitesOfSnapshot, sitesRenderers } from '../actions/sites.js';
import { emit, planOutputs } from '../emit.js';
import type { CliIO } from '../io.js';
import { loadSnapshot } from '../load.js';
import {
  addAllOption,
  addCommonOptions,
  addRetainedOption,
  SNAPSHOT_ARGUMENT,
  wholeNumber,
} from '../options.js';

const FORMATS = ['text', 'json', 'csv'] as const;

export function sitesCommand(io: CliIO): Command {
  const command = new Command('sites')
    .description(
      'live objects grouped by the place that allocated them: file:line of the allocating function, or whole stacks (tracemalloc for V8; needs a snapshot taken with allocation tracking)',
    )
    .argument(...SNAPSHOT_ARGUMENT)
    .option('--stack', 'group by whole allocation stacks (innermost frame first), not by file:line')
    .option('--depth <n>', 'with --stack: group by the innermost N frames (implies --stack)', wholeNumber(1))
    .option('--class <name>', 'only objects of this class (DevTools class name)')
    .addOption(
      new Option(
        '--sort <by>',
        'order by object count, self size or retained size (retained turns on --retained)',
      )
        .choices(['count', 'size', 'retained'])
        .default('count'),
    )
    .option('--limit <n>', 'list the first N sites', wholeNumber(1), 20);
  addRetainedOption(command);
  addAllOption(command);
  addCommonOptions(command, FORMATS);
  return command.action(async (snapshot: string, options: SitesCliOptions) => {
    const destinations = await planOutputs(options, FORMATS, [snapshot]);
    const result = sitesOfSnapshot(await loadSnapshot(snapshot, io, options), snapshot, io, options);
    await emit(io, destinations, sitesRenderers(result), options.quiet);
  });
}

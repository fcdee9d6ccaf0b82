import { Command, Option } from 'commander';
import { type SitesCliOptions, sitesOfFiles } from '../actions/sites.js';
import { emit, planOutputs } from '../emit.js';
import type { CliIO } from '../io.js';
import { refuseStdinTwice } from '../load.js';
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
      'live objects grouped by the place that allocated them: file:line of the allocating function, or whole stacks (tracemalloc for V8; needs a snapshot taken with allocation tracking); with a later snapshot, what each place added since (compare_to)',
    )
    .argument(...SNAPSHOT_ARGUMENT)
    .argument(
      '[after]',
      'a later snapshot of the same process, also tracked: list each site by its growth since <snapshot>',
    )
    .option('--stack', 'group by whole allocation stacks (innermost frame first), not by file:line')
    .option('--depth <n>', 'with --stack: group by the innermost N frames (implies --stack)', wholeNumber(1))
    .option('--class <name>', 'only objects of this class (DevTools class name)')
    .addOption(
      new Option(
        '--sort <by>',
        'order by object count, self size or retained size (retained turns on --retained); with [after], by growth in count or self size',
      )
        .choices(['count', 'size', 'retained'])
        .default('count'),
    )
    .option('--limit <n>', 'list the first N sites', wholeNumber(1), 20);
  addRetainedOption(command);
  addAllOption(command);
  addCommonOptions(command, FORMATS);
  return command.action(async (snapshot: string, after: string | undefined, options: SitesCliOptions) => {
    const inputs = after === undefined ? [snapshot] : [snapshot, after];
    refuseStdinTwice(inputs);
    const destinations = await planOutputs(options, FORMATS, inputs);
    await emit(io, destinations, await sitesOfFiles(inputs, io, options), options.quiet);
  });
}

import { Command, Option } from 'commander';
import { type DiffOptions, diffRenderersOfFiles } from '../actions/diff.js';
import { emit, planOutputs } from '../emit.js';
import type { CliIO } from '../io.js';
import { refuseStdinTwice } from '../load.js';
import { addAllOption, addCommonOptions, wholeNumber } from '../options.js';

const FORMATS = ['text', 'json', 'csv'] as const;

export function diffCommand(io: CliIO): Command {
  const command = new Command('diff')
    .description(
      'growth per class between two snapshots: counts, sizes, new and freed objects (objgraph show_growth)',
    )
    .argument('<before>', 'the earlier snapshot')
    .argument('<after>', 'the later snapshot (of the same process, for new and freed objects)')
    .option(
      '--limit <n>',
      'list the first N classes in text (CSV and JSON list them all)',
      wholeNumber(1),
      20,
    )
    .addOption(
      new Option(
        '--sort <by>',
        "order by growth in count, self size or retained size (retained computes both snapshots' dominators)",
      )
        .choices(['count', 'size', 'retained'])
        .default('count'),
    )
    .option(
      '--new <class>',
      "print the ids of that class's new objects, one per line (to feed chain or graphs)",
    );
  addAllOption(command);
  addCommonOptions(command, FORMATS);
  return command.action(async (beforePath: string, afterPath: string, options: DiffOptions) => {
    refuseStdinTwice([beforePath, afterPath]);
    const destinations = await planOutputs(options, FORMATS, [beforePath, afterPath]);
    const renderers = await diffRenderersOfFiles(beforePath, afterPath, io, options);
    await emit(io, destinations, renderers, options.quiet);
  });
}

import { Command, Option } from 'commander';
import {
  byCount,
  type ClassStat,
  classStats,
  dominatorTree,
  typesToCsv,
  typesToJson,
  typesToText,
} from '../../index.js';
import { dominatorsShown } from '../dominatorsProgress.js';
import { emit, planOutputs } from '../emit.js';
import type { CliIO } from '../io.js';
import { loadSnapshot } from '../load.js';
import {
  type AllOption,
  addAllOption,
  addCommonOptions,
  type CommonOptions,
  SNAPSHOT_ARGUMENT,
  wholeNumber,
} from '../options.js';
import { rankedClasses } from '../rankings.js';

interface TypesOptions extends CommonOptions, AllOption {
  sort: 'count' | 'self' | 'retained';
  limit: number;
  retained: boolean;
}

const FORMATS = ['text', 'json', 'csv'] as const;

const ORDER: Record<TypesOptions['sort'], (a: ClassStat, b: ClassStat) => number> = {
  count: byCount,
  self: (a, b) => b.selfSize - a.selfSize,
  retained: (a, b) => (b.retainedSize ?? 0) - (a.retainedSize ?? 0),
};

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
    const graph = await loadSnapshot(snapshot, io, options);
    let sizes: Parameters<typeof classStats>[1];
    if (options.retained) {
      const dominators = dominatorsShown(graph, io, options);
      sizes = { dominators, tree: dominatorTree(graph, dominators) };
    }
    const order = options.sort === 'retained' && !sizes ? ORDER.count : ORDER[options.sort];
    const stats = rankedClasses(classStats(graph, sizes), options, io, 'types').sort(
      (a, b) => order(a, b) || byCount(a, b),
    );
    await emit(
      io,
      destinations,
      {
        text: () => typesToText(stats.slice(0, options.limit), stats.length),
        json: () => typesToJson(stats),
        csv: () => typesToCsv(stats),
      },
      options.quiet,
    );
  });
}

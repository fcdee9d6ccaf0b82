import { Command, Option } from 'commander';
import {
  type ClassDiff,
  diffSide,
  diffSnapshots,
  diffToCsv,
  diffToJson,
  diffToText,
  dominatorTree,
  type HeapGraph,
  type InterfaceDefinition,
  idCheckText,
  newObjectIds,
} from '../../index.js';
import { dominatorsShown } from '../dominatorsProgress.js';
import { emit, planOutputs } from '../emit.js';
import { UsageError } from '../errors.js';
import type { CliIO } from '../io.js';
import { loadSnapshot, refuseStdinTwice } from '../load.js';
import {
  type AllOption,
  addAllOption,
  addCommonOptions,
  type CommonOptions,
  wholeNumber,
} from '../options.js';
import { rankedClasses } from '../rankings.js';

interface DiffOptions extends CommonOptions, AllOption {
  limit: number;
  new?: string;
  sort: 'count' | 'size' | 'retained';
}

const byName = (a: ClassDiff, b: ClassDiff) =>
  a.className < b.className ? -1 : a.className > b.className ? 1 : 0;

/** Largest growth first; the diff is already in count order (count, then size, then name). */
const ORDER: Record<DiffOptions['sort'], ((a: ClassDiff, b: ClassDiff) => number) | undefined> = {
  count: undefined,
  size: (a, b) => b.sizeDelta - a.sizeDelta || b.countDelta - a.countDelta || byName(a, b),
  retained: (a, b) =>
    (b.retainedDelta ?? 0) - (a.retainedDelta ?? 0) || b.sizeDelta - a.sizeDelta || byName(a, b),
};

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
    // One graph at a time, each reduced to its ids and class totals before the next is read; the
    // later one first, so the earlier one's plain objects take its interface names (as DevTools does).
    const side = (graph: HeapGraph, interfaces?: InterfaceDefinition[]) => {
      if (options.sort !== 'retained' || options.new !== undefined) return diffSide(graph, { interfaces });
      const dominators = dominatorsShown(graph, io, options);
      return diffSide(graph, { interfaces, sizes: { dominators, tree: dominatorTree(graph, dominators) } });
    };
    const after = side(await loadSnapshot(afterPath, io, options));
    const before = side(await loadSnapshot(beforePath, io, options), after.interfaces);
    const compared = diffSnapshots(before, after);
    const order = ORDER[options.sort];
    if (order) compared.classes.sort(order);
    const mismatch = idCheckText(compared.idCheck, beforePath, afterPath);
    if (options.new !== undefined) {
      // A list of "new" ids that name other objects would send chain after the wrong ones.
      if (mismatch) throw new UsageError(`diff --new cannot tell new objects: ${mismatch}`);
      const ids = newObjectIds(before, after, options.new);
      await emit(
        io,
        destinations,
        { text: () => ids.map((id) => `@${id}\n`).join(''), json: () => `${JSON.stringify(ids)}\n` },
        options.quiet,
      );
      return;
    }
    if (mismatch && !options.quiet) io.stderr.write(`heapdot diff: ${mismatch}; comparing counts only\n`);
    const diff = { ...compared, classes: rankedClasses(compared.classes, options, io, 'diff') };
    await emit(
      io,
      destinations,
      {
        text: () => diffToText(diff, options.limit),
        json: () => diffToJson(diff),
        csv: () => diffToCsv(diff),
      },
      options.quiet,
    );
  });
}

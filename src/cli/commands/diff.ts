import { Command } from 'commander';
import { diffSide, diffSnapshots, diffToCsv, diffToJson, diffToText, newObjectIds } from '../../index.js';
import { emit, planOutputs } from '../emit.js';
import type { CliIO } from '../io.js';
import { loadSnapshot } from '../load.js';
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
}

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
    .option(
      '--new <class>',
      "print the ids of that class's new objects, one per line (to feed chain or graphs)",
    );
  addAllOption(command);
  addCommonOptions(command, FORMATS);
  return command.action(async (beforePath: string, afterPath: string, options: DiffOptions) => {
    const destinations = await planOutputs(options, FORMATS, [beforePath, afterPath]);
    // One graph at a time, each reduced to its ids and class totals before the next is read; the
    // later one first, so the earlier one's plain objects take its interface names (as DevTools does).
    const after = diffSide(await loadSnapshot(afterPath, io, options));
    const before = diffSide(await loadSnapshot(beforePath, io, options), after.interfaces);
    const compared = diffSnapshots(before, after);
    if (!compared.idsComparable && !options.quiet) {
      io.stderr.write(
        `diff: the snapshots share ${(compared.sharedIdRatio * 100).toFixed(1)}% of their ids; comparing counts only\n`,
      );
    }
    if (options.new !== undefined) {
      const ids = compared.idsComparable ? newObjectIds(before, after, options.new) : [];
      await emit(
        io,
        destinations,
        { text: () => ids.map((id) => `@${id}\n`).join(''), json: () => `${JSON.stringify(ids)}\n` },
        options.quiet,
      );
      return;
    }
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

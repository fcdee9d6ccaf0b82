import { Command } from 'commander';
import {
  outputsOf,
  planFolder,
  SUSPECT_KINDS,
  SUSPECTS_DEFAULTS,
  suspectPictureOutputs,
  suspectsRenderers,
} from '../../index.js';
import { parseKinds, parseShare, type SuspectsCliOptions, suspectsOfFiles } from '../actions/suspects.js';
import { parseSize } from '../checkRulesOption.js';
import { emitOutputs, planOutputs } from '../emit.js';
import type { CliIO } from '../io.js';
import { addCommonOptions, wholeNumber } from '../options.js';

const FORMATS = ['text', 'markdown', 'json'] as const;

export function suspectsCommand(io: CliIO): Command {
  const d = SUSPECTS_DEFAULTS;
  const command = new Command('suspects')
    .description(
      'where to start looking: what grows in every snapshot, events with many listeners of one source, objects that keep a large share of the heap, duplicated strings and program globals, each with its user chain',
    )
    .argument(
      '<snapshots...>',
      'one snapshot, or a series of one process, oldest first (- is standard input)',
    )
    .option('--only <kinds>', `only these kinds, comma-separated (${SUSPECT_KINDS.join(',')})`, parseKinds)
    .option('--top <n>', 'suspects listed', wholeNumber(1), 20)
    .option(
      '--min-growth <size>',
      'growing objects: least growth of retained size, first to last (512KiB, 1MB)',
      parseSize,
      d.minGrowth,
    )
    .option(
      '--min-entries <n>',
      'growing collections: least growth of entries, first to last',
      wholeNumber(1),
      d.minEntries,
    )
    .option(
      '--max-listeners <n>',
      'listeners: more than N of one source on one event',
      wholeNumber(0),
      d.maxListeners,
    )
    .option(
      '--share <percent>',
      'big holders: least share of the heap one object keeps (10%)',
      parseShare,
      d.share,
    )
    .option('--min-copies <n>', 'duplicated strings: least number of copies', wholeNumber(2), d.minCopies)
    .option('--min-global-size <size>', 'program globals: least retained size', parseSize, d.minGlobalSize)
    .option(
      '--out-dir <dir>',
      "write each suspect's user chain there (suspect-<n>-<kind>-<class>.dot and .png)",
    );
  addCommonOptions(command, FORMATS);
  return command.action(async (snapshots: string[], options: SuspectsCliOptions) => {
    const destinations = await planOutputs(options, FORMATS, snapshots);
    if (options.outDir) await planFolder(options.outDir, { image: 'png', protect: snapshots });
    const view = await suspectsOfFiles(snapshots, io, options);
    const outputs = outputsOf(destinations, suspectsRenderers(view));
    if (options.outDir) outputs.push(...suspectPictureOutputs(view, options.outDir));
    await emitOutputs(io, outputs, { quiet: options.quiet, protect: snapshots });
  });
}

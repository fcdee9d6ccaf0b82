import { Command, Option } from 'commander';
import { outputsOf, planFolder } from '../../index.js';
import { type DiffOptions, diffOfFiles } from '../actions/diff.js';
import { writeGraphs } from '../actions/graphs.js';
import { emit, planOutputs } from '../emit.js';
import { UsageError } from '../errors.js';
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
      'list the first N classes in text (CSV and JSON list them all); with --out-dir, draw the first N that grew',
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
    )
    .addOption(
      new Option(
        '--out-dir <dir>',
        'for each class that grew, draw its nearest new object there (<class>_backrefs.dot, <class>_refs.dot, <class>_chain.dot) and list the files; the table goes only to -o files',
      ).conflicts('new'),
    )
    .addOption(
      new Option(
        '--render <format>',
        'with --out-dir, also render each picture as an image beside it',
      ).choices(['png', 'svg', 'pdf']),
    );
  addAllOption(command);
  addCommonOptions(command, FORMATS);
  return command.action(async (beforePath: string, afterPath: string, options: DiffOptions) => {
    const inputs = [beforePath, afterPath];
    refuseStdinTwice(inputs);
    if (options.render && !options.outDir)
      throw new UsageError('--render draws the pictures of --out-dir; add --out-dir DIR');
    if (options.outDir && options.output?.includes('-'))
      throw new UsageError(
        'diff --out-dir lists the files it writes on standard output; write the table to a file (-o diff.txt)',
      );
    // With --out-dir, standard output is the list of files: the table goes only where -o says.
    const destinations = options.outDir && !options.output ? [] : await planOutputs(options, FORMATS, inputs);
    if (options.outDir) await planFolder(options.outDir, { image: options.render, protect: inputs });
    const { renderers, pictures } = await diffOfFiles(beforePath, afterPath, io, options);
    if (options.outDir && pictures) {
      const outDir = options.outDir;
      await writeGraphs(io, pictures, inputs, { ...options, outDir }, outputsOf(destinations, renderers));
    } else await emit(io, destinations, renderers, options.quiet);
  });
}

import { Command, Option } from 'commander';
import { planFolder } from '../../index.js';
import { type GraphsOptions, graphsFileNames, graphsPictures, writeGraphs } from '../actions/graphs.js';
import type { CliIO } from '../io.js';
import { loadSnapshot } from '../load.js';
import {
  addNeighbourhoodOptions,
  addPickOption,
  addRawOption,
  addRetainedOption,
  addStderrOptions,
  SNAPSHOT_ARGUMENT,
  TARGET_ARGUMENT,
} from '../options.js';
import { chooseNamedTarget, nameTarget } from '../target.js';

export function graphsCommand(io: CliIO): Command {
  const command = new Command('graphs').description(
    'backrefs, refs and chain of one target at once: .dot files (and images) in --out-dir',
  );
  command
    .argument(...SNAPSHOT_ARGUMENT)
    .argument(...TARGET_ARGUMENT)
    .option(
      '--out-dir <dir>',
      'where to write backrefs.dot, refs.dot and chain.dot (made if missing)',
      'heapdot-out',
    )
    .addOption(
      new Option('--render <format>', 'also render each picture as an image beside it').choices([
        'png',
        'svg',
        'pdf',
      ]),
    );
  addPickOption(command);
  addNeighbourhoodOptions(command);
  addRetainedOption(command);
  addRawOption(command);
  addStderrOptions(command, { quiet: 'print nothing but the list of files written' });
  return command.action(async (snapshot: string, text: string, options: GraphsOptions) => {
    const target = nameTarget(snapshot, text);
    // Everything that can be refused is refused before the long read: an image format this
    // machine cannot render, a folder that cannot be made or written, an output that is the snapshot.
    const names = graphsFileNames(options.render);
    await planFolder(options.outDir, { image: options.render, names, protect: [snapshot] });
    const graph = await loadSnapshot(snapshot, io, options);
    const chosen = chooseNamedTarget(graph, target, io, options, { user: !options.raw });
    await writeGraphs(io, graphsPictures(graph, chosen, snapshot, options), [snapshot], options);
  });
}

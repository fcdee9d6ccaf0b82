import { join } from 'node:path';
import { Command, Option } from 'commander';
import {
  CHAIN_MAX_NODES,
  chainToDot,
  chainView,
  type ImageFormat,
  neighbourhoodToDot,
  type Pick,
  pictureOutputs,
  planFolder,
  retainerChain,
  userChain,
} from '../../index.js';
import { emitOutputs } from '../emit.js';
import type { CliIO } from '../io.js';
import { loadSnapshot } from '../load.js';
import { drawNeighbourhood, type NeighbourhoodCliArgs } from '../neighbourhoodCommand.js';
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

interface GraphsOptions extends Omit<NeighbourhoodCliArgs, 'output' | 'format'> {
  outDir: string;
  render?: ImageFormat;
  pick: Pick;
  retained?: boolean;
}

const PICTURES = ['backrefs', 'refs', 'chain'] as const;

interface Picture {
  name: string;
  dot: string;
  nodes: number;
  edges: number;
  notes: string[];
}

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
    const names = PICTURES.flatMap((name) => [
      `${name}.dot`,
      ...(options.render ? [`${name}.${options.render}`] : []),
    ]);
    await planFolder(options.outDir, { image: options.render, names, protect: [snapshot] });
    const graph = await loadSnapshot(snapshot, io, options);
    const {
      chosen,
      targets,
      distances,
      dominators,
      view: searched,
    } = chooseNamedTarget(graph, target, io, options, {
      user: !options.raw,
    });
    const found = retainerChain(graph, distances, chosen);
    const chain = chainView(graph, distances, chosen, found, snapshot, dominators);
    if (!options.raw && found.kind === 'found') chain.user = userChain(graph, chosen, dominators, searched);
    const pictures: Picture[] = (['backrefs', 'refs'] as const).map((kind) => {
      const view = drawNeighbourhood(graph, distances, targets, kind, options, snapshot, dominators);
      return {
        name: kind,
        dot: neighbourhoodToDot(view),
        nodes: view.nodes.length,
        edges: view.edges.length,
        notes: view.notes,
      };
    });
    const steps = chain.user?.steps.length;
    pictures.push({
      name: 'chain',
      // A chain is drawn top to bottom: past CHAIN_MAX_NODES boxes it no longer fits a page.
      dot: chainToDot(chain, { maxNodes: Math.min(options.maxNodes ?? CHAIN_MAX_NODES, CHAIN_MAX_NODES) }),
      nodes: steps === undefined ? chain.nodes.length : steps + 1,
      edges: steps ?? chain.edges.length,
      notes: [],
    });
    const lines = new Map(
      pictures.map((picture) => [
        join(options.outDir, `${picture.name}.dot`),
        ` (${picture.nodes} nodes, ${picture.edges} edges)`,
      ]),
    );
    await emitOutputs(io, pictureOutputs(options.outDir, pictures, options.render), {
      protect: [snapshot],
      onWritten: (path) => io.stdout.write(`${path}${lines.get(path) ?? ''}\n`),
    });
    if (!options.quiet) {
      for (const picture of pictures)
        for (const note of picture.notes) io.stderr.write(`${picture.name}: ${note}\n`);
    }
  });
}

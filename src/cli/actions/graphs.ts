import { join } from 'node:path';
import {
  CHAIN_MAX_NODES,
  chainToDot,
  chosenChainView,
  type HeapGraph,
  type ImageFormat,
  neighbourhoodToDot,
  type Output,
  type Pick,
  pictureOutputs,
} from '../../index.js';
import { emitOutputs } from '../emit.js';
import type { CliIO } from '../io.js';
import { drawNeighbourhood, type NeighbourhoodCliArgs } from '../neighbourhoodCommand.js';
import type { CliTarget } from '../target.js';

export interface GraphsOptions extends Omit<NeighbourhoodCliArgs, 'output' | 'format'> {
  outDir: string;
  render?: ImageFormat;
  pick: Pick;
  retained?: boolean;
}

const PICTURES = ['backrefs', 'refs', 'chain'] as const;

/** One picture of the set, with what its line on standard output and its notes say. */
export interface GraphsPicture {
  name: string;
  dot: string;
  nodes: number;
  edges: number;
  notes: string[];
}

/** Every file `graphs` writes into --out-dir: each picture's DOT, and its image beside it. */
export function graphsFileNames(render: ImageFormat | undefined): string[] {
  return PICTURES.flatMap((name) => [`${name}.dot`, ...(render ? [`${name}.${render}`] : [])]);
}

/** The three pictures of the chosen target: its backrefs, its refs and its chain. */
export function graphsPictures(
  graph: HeapGraph,
  target: CliTarget,
  snapshot: string,
  options: GraphsOptions,
): GraphsPicture[] {
  const { targets, distances, dominators } = target;
  const pictures: GraphsPicture[] = (['backrefs', 'refs'] as const).map((kind) => {
    const view = drawNeighbourhood(graph, distances, targets, kind, options, snapshot, dominators);
    return {
      name: kind,
      dot: neighbourhoodToDot(view),
      nodes: view.nodes.length,
      edges: view.edges.length,
      notes: view.notes,
    };
  });
  const chain = chosenChainView(graph, target, snapshot);
  const steps = chain.user?.steps.length;
  pictures.push({
    name: 'chain',
    // A chain is drawn top to bottom: past CHAIN_MAX_NODES boxes it no longer fits a page.
    dot: chainToDot(chain, { maxNodes: Math.min(options.maxNodes ?? CHAIN_MAX_NODES, CHAIN_MAX_NODES) }),
    nodes: steps === undefined ? chain.nodes.length : steps + 1,
    edges: steps ?? chain.edges.length,
    notes: [],
  });
  return pictures;
}

/**
 * Writes the pictures as one set (with `others`, more files of the same command), each file listed
 * on standard output, a DOT file with its size, then their notes on standard error (unless --quiet).
 */
export async function writeGraphs(
  io: CliIO,
  pictures: readonly GraphsPicture[],
  protect: readonly string[],
  options: { outDir: string; render?: ImageFormat; quiet?: boolean },
  others: readonly Output[] = [],
): Promise<void> {
  const lines = new Map(
    pictures.map((picture) => [
      join(options.outDir, `${picture.name}.dot`),
      ` (${picture.nodes} nodes, ${picture.edges} edges)`,
    ]),
  );
  await emitOutputs(io, [...others, ...pictureOutputs(options.outDir, pictures, options.render)], {
    protect,
    onWritten: (path) => io.stdout.write(`${path}${lines.get(path) ?? ''}\n`),
  });
  if (!options.quiet) {
    for (const picture of pictures)
      for (const note of picture.notes) io.stderr.write(`${picture.name}: ${note}\n`);
  }
}

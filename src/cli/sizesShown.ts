import { type Dominators, type DominatorTree, dominatorTree, type HeapGraph } from '../index.js';
import { dominatorsShown } from './dominatorsProgress.js';
import type { CliIO } from './io.js';
import type { CommonOptions } from './options.js';

/**
 * What retained sizes of classes and sites are computed from (the `sizes` of classStats, diffSide
 * and allocationSites): the dominators, with their phases on the status line, and their tree.
 */
export function sizesShown(
  graph: HeapGraph,
  io: CliIO,
  options: Pick<CommonOptions, 'progress' | 'quiet'>,
): { dominators: Dominators; tree: DominatorTree } {
  const dominators = dominatorsShown(graph, io, options);
  return { dominators, tree: dominatorTree(graph, dominators) };
}

import {
  computeDistances,
  type DetachedView,
  detachedTrees,
  detachedView,
  type HeapGraph,
} from '../../index.js';
import type { CliIO } from '../io.js';
import type { CommonOptions } from '../options.js';
import { sizesShown } from '../sizesShown.js';

export interface DetachedOptions extends CommonOptions {
  limit: number;
}

/** The detached DOM trees of a page's snapshot, largest first, the first --limit with their holders. */
export function detachedOfSnapshot(graph: HeapGraph, io: CliIO, options: DetachedOptions): DetachedView {
  const { dominators, tree } = sizesShown(graph, io, options);
  const trees = detachedTrees(graph, computeDistances(graph), dominators, tree);
  return detachedView(graph, trees, dominators, options.limit);
}

import { dominatorTree } from '../analysis/dominators.js';
import type { Dominators } from '../analysis/dominatorTypes.js';
import { treemapModel } from '../analysis/treemapModel.js';
import type { TreemapOptions } from '../analysis/treemapTypes.js';
import type { HeapGraph } from '../snapshot/heapGraph.js';
import { type TreemapLayoutOptions, type TreemapPicture, treemapLayout } from './treemapLayout.js';

/** The treemap of `rootOrdinal`'s dominator tree, laid out: what `treemap` draws and lists. */
export function treemapPicture(
  graph: HeapGraph,
  dominators: Dominators,
  rootOrdinal: number,
  options: TreemapOptions & TreemapLayoutOptions = {},
): TreemapPicture {
  const model = treemapModel(graph, dominators, dominatorTree(graph, dominators), rootOrdinal, options);
  return treemapLayout(model, options);
}

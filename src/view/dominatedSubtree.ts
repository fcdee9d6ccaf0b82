import { compareLargest } from '../analysis/compare.js';
import type { Distances } from '../analysis/distances.js';
import type { Dominators } from '../analysis/dominatorTypes.js';
import type { HeapGraph } from '../snapshot/heapGraph.js';
import { nodeView } from './nodeView.js';
import type { DominatorSubtree } from './types.js';

/**
 * What `root` alone keeps alive, `depth` levels deep: each node's children as `childrenOf` gives
 * them (the dominator tree's, or the user view's), largest retained size first, and those past
 * `tooMany` counted together as "more".
 */
export function dominatedSubtree(
  graph: HeapGraph,
  distances: Distances,
  dominators: Dominators,
  root: number,
  levels: { depth: number; tooMany: number },
  childrenOf: (node: number) => number[],
): DominatorSubtree {
  const sizes = dominators.retainedSize;
  const grow = (node: number, depth: number): DominatorSubtree => {
    const subtree: DominatorSubtree = { node: nodeView(graph, node, distances, dominators), children: [] };
    if (depth === 0) return subtree;
    const children = childrenOf(node).sort((a, b) => compareLargest(graph, sizes, a, b));
    subtree.children = children.slice(0, levels.tooMany).map((child) => grow(child, depth - 1));
    const rest = children.slice(levels.tooMany);
    if (rest.length > 0)
      subtree.more = { count: rest.length, retainedSize: rest.reduce((sum, child) => sum + sizes[child], 0) };
    return subtree;
  };
  return grow(root, levels.depth);
}

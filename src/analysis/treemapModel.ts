import type { HeapGraph } from '../snapshot/heapGraph.js';
import { classBreakdown } from './classShares.js';
import { displayName } from './displayName.js';
import type { Dominators, DominatorTree } from './dominatorTypes.js';
import {
  TREEMAP_DEFAULTS,
  type TreemapItem,
  type TreemapModel,
  type TreemapOptions,
} from './treemapTypes.js';

/**
 * The boxes of a treemap of the dominator subtree of `rootOrdinal` (the snapshot's root, or a
 * target), as DevTools' Summary would nest them by "Retainers -> dominated": each object's box is
 * its retained size, split into the boxes of the objects it immediately dominates. Only `depth`
 * levels are expanded, and objects smaller than `minShare` of the root's retained size are folded
 * into one rest box per parent (with the parent's own shallow size), so a picture has at most
 * about depth / minShare boxes however large the heap. Children are ordered largest first, then
 * by snapshot id: the same snapshot gives the same boxes.
 */
export function treemapModel(
  graph: HeapGraph,
  dominators: Dominators,
  tree: DominatorTree,
  rootOrdinal: number,
  options: TreemapOptions = {},
): TreemapModel {
  const depth = options.depth ?? TREEMAP_DEFAULTS.depth;
  const minShare = options.minShare ?? TREEMAP_DEFAULTS.minShare;
  const { retainedSize } = dominators;
  const minSize = retainedSize[rootOrdinal] * minShare;
  const root = objectItem(graph, retainedSize, rootOrdinal);
  const stack: [TreemapItem, number, number][] = [[root, rootOrdinal, 0]];
  while (stack.length > 0) {
    const [item, ordinal, level] = stack.pop()!;
    if (level >= depth) continue;
    const kept: number[] = [];
    const foldedChildren: number[] = [];
    for (let slot = tree.firstChild[ordinal]; slot < tree.firstChild[ordinal + 1]; slot++) {
      const child = tree.children[slot];
      // A zero-sized object has no area; folding it keeps "N more" honest about what is left out.
      if (retainedSize[child] >= minSize && retainedSize[child] > 0) kept.push(child);
      else foldedChildren.push(child);
    }
    const folded = foldedChildren.length;
    if (kept.length === 0) continue;
    kept.sort((a, b) => retainedSize[b] - retainedSize[a] || graph.nodeId[a] - graph.nodeId[b]);
    let rest = retainedSize[ordinal];
    for (const child of kept) {
      const childItem = objectItem(graph, retainedSize, child);
      item.children.push(childItem);
      rest -= retainedSize[child];
      stack.push([childItem, child, level + 1]);
    }
    // Sums of doubles: a rest of a few ulps is rounding, not bytes.
    if (rest > 0.5) {
      const restItem: TreemapItem = {
        kind: 'rest',
        name: folded > 0 ? `${folded} more` : '(self)',
        size: rest,
        folded,
        children: [],
      };
      if (folded > 0)
        restItem.breakdown = classBreakdown(graph, foldedChildren, (child) => retainedSize[child], 'size');
      item.children.push(restItem);
    }
  }
  return { root, fromSnapshotRoot: rootOrdinal === graph.rootOrdinal, depth, minSize };
}

function objectItem(graph: HeapGraph, retainedSize: Float64Array, ordinal: number): TreemapItem {
  return {
    kind: 'object',
    name: displayName(graph, ordinal),
    id: graph.nodeId[ordinal],
    size: retainedSize[ordinal],
    children: [],
  };
}

import type { HeapGraph } from '../snapshot/heapGraph.js';
import { classBreakdown } from './classShares.js';
import { compareLargest } from './compare.js';
import { displayName } from './displayName.js';
import type { Dominators, DominatorTree } from './dominatorTypes.js';
import { isV8InternalClass } from './internalClasses.js';
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
 * by snapshot id: the same snapshot gives the same boxes. Unless `all`, an object of V8's own
 * classes is no box: the objects it dominates take its place (DESIGN.md, "The user view").
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
  const all = options.all ?? TREEMAP_DEFAULTS.all;
  const root = objectItem(graph, retainedSize, rootOrdinal);
  const stack: [TreemapItem, number, number][] = [[root, rootOrdinal, 0]];
  while (stack.length > 0) {
    const [item, ordinal, level] = stack.pop()!;
    if (level >= depth) continue;
    const kept: number[] = [];
    const foldedChildren: number[] = [];
    const pending = [ordinal];
    while (pending.length > 0) {
      const parent = pending.pop()!;
      for (let slot = tree.firstChild[parent]; slot < tree.firstChild[parent + 1]; slot++) {
        const child = tree.children[slot];
        // A zero-sized object has no area; folding it keeps "N more" honest about what is left out.
        if (retainedSize[child] < minSize || retainedSize[child] === 0) foldedChildren.push(child);
        // V8's own objects are not boxes (unless --all): what they hold is drawn in their place.
        else if (!all && isV8InternalClass(graph.className(child))) pending.push(child);
        else kept.push(child);
      }
    }
    const folded = foldedChildren.length;
    if (kept.length === 0) continue;
    kept.sort((a, b) => compareLargest(graph, retainedSize, a, b));
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

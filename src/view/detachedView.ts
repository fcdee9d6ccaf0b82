import type { DetachedTree } from '../analysis/detachedTrees.js';
import type { Dominators } from '../analysis/dominatorTypes.js';
import type { HeapGraph } from '../snapshot/heapGraph.js';
import { elementPreview } from './browserAnchors.js';
import { nodeView } from './nodeView.js';
import type { NodeView, UserChain } from './types.js';
import { userChain, userView } from './userChain.js';

/** One detached DOM tree as a person reads it: its element, its size, and who holds it. */
export interface DetachedTreeView {
  /** The entry element as DevTools previews it: `<div class=modal>`. */
  element: string;
  entry: NodeView;
  nodeCount: number;
  retainedSize: number;
  /** The user chain from the JavaScript that holds the tree; undefined when no anchor reaches it. */
  user: UserChain | undefined;
}

/** What `heapdot detached` shows: every tree counted, the first `limit` of them described. */
export interface DetachedView {
  treeCount: number;
  nodeCount: number;
  retainedSize: number;
  trees: DetachedTreeView[];
}

/**
 * The detached trees' view: totals over every tree, and the first `limit` trees (largest first)
 * with their user chains, from one search of the user view.
 */
export function detachedView(
  graph: HeapGraph,
  trees: readonly DetachedTree[],
  dominators: Dominators,
  limit: number,
): DetachedView {
  const shown = trees.slice(0, limit);
  const searched = shown.length === 0 ? undefined : userView(graph);
  return {
    treeCount: trees.length,
    nodeCount: trees.reduce((sum, tree) => sum + tree.nodes.length, 0),
    retainedSize: trees.reduce((sum, tree) => sum + tree.retainedSize, 0),
    trees: shown.map((tree) => ({
      element: elementPreview(graph.nodeNameOf(tree.entry)),
      entry: nodeView(graph, tree.entry, undefined, dominators),
      nodeCount: tree.nodes.length,
      retainedSize: tree.retainedSize,
      user: searched && userChain(graph, tree.entry, dominators, searched),
    })),
  };
}

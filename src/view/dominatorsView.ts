import type { Distances } from '../analysis/distances.js';
import { dominatorChain, dominatorTree } from '../analysis/dominators.js';
import type { Dominators } from '../analysis/dominatorTypes.js';
import type { HeapGraph } from '../snapshot/heapGraph.js';
import { dominatedSubtree } from './dominatedSubtree.js';
import { nodeView } from './nodeView.js';
import type { DominatorsView } from './types.js';
import { type UserView, userChain } from './userChain.js';
import { userDominators } from './userDominators.js';

export interface DominatorsViewOptions {
  /** Levels of the dominated subtree to show; 0 shows the chain only. @default 0 */
  depth?: number;
  /** Children shown per node, largest retained size first. @default 10 */
  tooMany?: number;
  /** The user view's search (settled at least as far as the target): adds the user view. @default none (--raw) */
  user?: UserView;
}

/** The dominator chain of a target (root first) and, to a depth, what it dominates. */
export function dominatorsView(
  graph: HeapGraph,
  distances: Distances,
  dominators: Dominators,
  target: number,
  snapshotName: string,
  options: DominatorsViewOptions = {},
): DominatorsView {
  const view = (node: number) => nodeView(graph, node, distances, dominators);
  const chain = dominatorChain(graph, dominators, target).map(view);
  const result: DominatorsView = { snapshotName, target: chain[chain.length - 1], chain };
  const depth = options.depth ?? 0;
  // Built once: DevTools' subtree and the user view's both walk it.
  const tree = depth > 0 ? dominatorTree(graph, dominators) : undefined;
  if (tree) {
    const levels = { depth, tooMany: options.tooMany ?? 10 };
    result.subtree = dominatedSubtree(graph, distances, dominators, target, levels, (node) =>
      Array.from(tree.children.subarray(tree.firstChild[node], tree.firstChild[node + 1])),
    );
  }
  if (options.user) {
    const chain = userChain(graph, target, dominators, options.user);
    result.user = userDominators(graph, distances, dominators, target, result, chain, { ...options, tree });
  }
  return result;
}

import type { DetachedView } from '../detachedView.js';
import { type UserChainJson, userChainJson } from './chainJson.js';
import { type NodeSummary, nodeToJson } from './nodeJson.js';

/** `heapdot detached --format json` (README, "Detached DOM"). */
export interface DetachedJson {
  treeCount: number;
  nodeCount: number;
  retainedSize: number;
  trees: DetachedTreeJson[];
}

export interface DetachedTreeJson extends Partial<Omit<UserChainJson, 'accessPath'>> {
  element: string;
  entry: NodeSummary;
  nodeCount: number;
  retainedSize: number;
  /** The access path of the tree's holder; null when no anchor reaches it. */
  accessPath: string | null;
}

/** The one builder of the detached trees' JSON: totals, then each tree with its user chain. */
export function detachedObject(view: DetachedView): DetachedJson {
  return {
    treeCount: view.treeCount,
    nodeCount: view.nodeCount,
    retainedSize: view.retainedSize,
    trees: view.trees.map((tree) => ({
      element: tree.element,
      entry: nodeToJson(tree.entry),
      nodeCount: tree.nodeCount,
      retainedSize: tree.retainedSize,
      ...(tree.user === undefined ? { accessPath: null } : userChainJson(tree.user)),
    })),
  };
}

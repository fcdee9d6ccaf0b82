import type { Distances } from '../analysis/distances.js';
import { dominatorTree } from '../analysis/dominators.js';
import type { Dominators, DominatorTree } from '../analysis/dominatorTypes.js';
import { isV8InternalClass } from '../analysis/internalClasses.js';
import type { HeapGraph } from '../snapshot/heapGraph.js';
import { dominatedSubtree } from './dominatedSubtree.js';
import { pythonModuleName } from './pythonModules.js';
import type { DominatorsView, UserChain, UserDominator, UserDominators } from './types.js';

/**
 * Every path from the root to the target runs through each of its dominators, so the user chain
 * does too: a dominator that is the anchor or a step's object is named by the access path up to
 * it. One a step folds (a Context, a backing store, a Map's table) is V8's, and left out; so is
 * any other of V8's own classes. The root and the target always stay.
 */
export function userDominators(
  graph: HeapGraph,
  distances: Distances,
  dominators: Dominators,
  target: number,
  view: DominatorsView,
  user: UserChain | undefined,
  options: { depth?: number; tooMany?: number; tree?: DominatorTree } = {},
): UserDominators {
  const paths = new Map<number, string>();
  if (user) {
    // A globalThis property's holder is the global object a user names `globalThis`; a Python
    // module's global's, the module (`server.py`).
    if (user.anchor.kind === 'global') {
      const holder = graph.ordinalOfId(user.anchor.holderId);
      paths.set(
        user.anchor.holderId,
        (holder === -1 ? undefined : pythonModuleName(graph, holder)) ?? 'globalThis',
      );
    }
    let path = user.anchor.name;
    paths.set(user.anchor.node.id, path);
    for (const step of user.steps) {
      path += step.path;
      paths.set(step.node.id, path);
    }
  }
  const last = view.chain.length - 1;
  const chain: UserDominator[] = [];
  let leftOut = 0;
  view.chain.forEach((node, index) => {
    const accessPath = paths.get(node.id);
    const kept =
      index === 0 || index === last || accessPath !== undefined || !isV8InternalClass(node.className);
    if (!kept) {
      leftOut++;
      return;
    }
    chain.push(accessPath === undefined ? { index } : { index, accessPath });
  });
  const result: UserDominators = { chain, leftOut, subtreeLeftOut: 0 };
  const depth = options.depth ?? 0;
  if (view.subtree && depth > 0) {
    const tree = options.tree ?? dominatorTree(graph, dominators);
    const counter = { leftOut: 0 };
    const levels = { depth, tooMany: options.tooMany ?? 10 };
    result.subtree = dominatedSubtree(graph, distances, dominators, target, levels, (node) =>
      userChildren(graph, tree, node, counter),
    );
    result.subtreeLeftOut = counter.leftOut;
  }
  return result;
}

/**
 * What a node alone keeps alive, as a user sees it: its children in the dominator tree, with each
 * of V8's own objects replaced by its children, and theirs, until user objects are reached.
 */
function userChildren(
  graph: HeapGraph,
  tree: DominatorTree,
  node: number,
  counter: { leftOut: number },
): number[] {
  const found: number[] = [];
  const stack = Array.from(tree.children.subarray(tree.firstChild[node], tree.firstChild[node + 1]));
  while (stack.length > 0) {
    const child = stack.pop() as number;
    if (!isV8InternalClass(graph.className(child))) {
      found.push(child);
      continue;
    }
    counter.leftOut++;
    for (let at = tree.firstChild[child]; at < tree.firstChild[child + 1]; at++)
      stack.push(tree.children[at]);
  }
  return found;
}

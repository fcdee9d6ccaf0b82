import type { HeapGraph } from '../snapshot/heapGraph.js';
import type { Dominators, DominatorTree } from './dominatorTypes.js';

/**
 * DevTools' class retained size (HeapSnapshot.calculateClassesRetainedSize), for any grouping of
 * the nodes (`key[node]` < `keyCount`: a class, an allocation site): a depth-first walk of the
 * dominator tree that adds a node's retained size to its group unless an object of the same group
 * is above it on the path. Iterative, with a per-group counter of how often it is on the path.
 */
export function groupRetainedSizes(
  graph: HeapGraph,
  key: Uint32Array,
  keyCount: number,
  dominators: Dominators,
  tree: DominatorTree,
): Float64Array {
  const retained = new Float64Array(keyCount);
  const onPath = new Uint32Array(keyCount);
  const { firstChild, children } = tree;
  const stack = new Uint32Array(graph.nodeCount);
  const next = new Uint32Array(graph.nodeCount);
  let top = 0;
  const enter = (node: number) => {
    if (onPath[key[node]] === 0) retained[key[node]] += dominators.retainedSize[node];
    onPath[key[node]]++;
    stack[top++] = node;
    next[node] = firstChild[node];
  };
  enter(graph.rootOrdinal);
  while (top > 0) {
    const node = stack[top - 1];
    if (next[node] < firstChild[node + 1]) {
      enter(children[next[node]++]);
    } else {
      onPath[key[node]]--;
      top--;
    }
  }
  return retained;
}

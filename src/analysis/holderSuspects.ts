import type { HeapGraph } from '../snapshot/heapGraph.js';
import type { Dominators, DominatorTree } from './dominatorTypes.js';
import { suspectEligible } from './suspectsEligible.js';
import type { HolderSuspect } from './suspectsTypes.js';

/** MAT's accumulation point: go down while the largest child keeps at least this share of its parent. */
const ACCUMULATION = 0.8;

/**
 * Eclipse MAT's Leak Suspects on V8's dominator tree: the outermost objects a program names that
 * alone keep at least `share` percent of the heap (the root's retained size), each drilled down to
 * its accumulation point: while one child in the dominator tree keeps at least 80% of its parent's
 * retained size, follow it (through V8's own objects too: a Map's table), and stop at the last
 * object a program names. The root, GC roots and user roots (Node's `global`) are looked through.
 * Largest first.
 */
export function holderSuspects(
  graph: HeapGraph,
  sizes: { dominators: Dominators; tree: DominatorTree },
  share: number,
): HolderSuspect[] {
  const { retainedSize } = sizes.dominators;
  const { firstChild, children } = sizes.tree;
  const total = retainedSize[graph.rootOrdinal];
  const threshold = (share / 100) * total;
  const eligible = suspectEligible(graph);
  const suspects: HolderSuspect[] = [];
  const stack: number[] = [graph.rootOrdinal];
  while (stack.length > 0) {
    const node = stack.pop() as number;
    if (eligible(node)) {
      suspects.push({
        kind: 'holders',
        node,
        share: total === 0 ? 0 : retainedSize[node] / total,
        accumulation: accumulationPoint(node, sizes, threshold, eligible),
      });
      continue;
    }
    // Only a child at or over the threshold can hold a suspect (a child keeps less than its parent).
    for (let c = firstChild[node]; c < firstChild[node + 1]; c++)
      if (retainedSize[children[c]] >= threshold) stack.push(children[c]);
  }
  return suspects.sort(
    (a, b) => retainedSize[b.node] - retainedSize[a.node] || graph.nodeId[a.node] - graph.nodeId[b.node],
  );
}

function accumulationPoint(
  start: number,
  sizes: { dominators: Dominators; tree: DominatorTree },
  threshold: number,
  eligible: (node: number) => boolean,
): number {
  const { retainedSize } = sizes.dominators;
  const { firstChild, children } = sizes.tree;
  let point = start;
  let node = start;
  for (;;) {
    let largest = -1;
    for (let c = firstChild[node]; c < firstChild[node + 1]; c++)
      if (largest === -1 || retainedSize[children[c]] > retainedSize[largest]) largest = children[c];
    if (
      largest === -1 ||
      retainedSize[largest] < ACCUMULATION * retainedSize[node] ||
      retainedSize[largest] < threshold
    )
      return point;
    node = largest;
    if (eligible(node)) point = node;
  }
}

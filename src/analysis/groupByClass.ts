import type { HeapGraph } from '../snapshot/heapGraph.js';
import { byClassName } from './compare.js';
import type { Dominators } from './dominatorTypes.js';

export interface ClassGroup {
  className: string;
  count: number;
  selfSize: number;
  retainedSize: number;
  /** The nodes of the group, in ordinal order. */
  nodes: number[];
}

/** Some nodes grouped by class, the largest groups first (count, then retained size, then name). */
export function groupByClass(
  graph: HeapGraph,
  nodes: ArrayLike<number>,
  dominators: Dominators,
): ClassGroup[] {
  const groups = new Map<string, ClassGroup>();
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    const className = graph.className(node);
    let group = groups.get(className);
    if (!group) {
      group = { className, count: 0, selfSize: 0, retainedSize: 0, nodes: [] };
      groups.set(className, group);
    }
    group.count++;
    group.selfSize += graph.selfSize(node);
    group.retainedSize += dominators.retainedSize[node];
    group.nodes.push(node);
  }
  return [...groups.values()].sort(
    (a, b) => b.count - a.count || b.retainedSize - a.retainedSize || byClassName(a, b),
  );
}

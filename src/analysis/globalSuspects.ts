import type { HeapGraph } from '../snapshot/heapGraph.js';
import type { Dominators } from './dominatorTypes.js';
import { PLAIN_GLOBALS } from './plainGlobals.js';
import type { GlobalSuspect } from './suspectsTypes.js';

/**
 * memlab's global-variable: the properties of each user root (Node's `global`, a page's `Window`)
 * that a plain Node process or blank page does not have (PLAIN_GLOBALS), retaining at least
 * `minSize` bytes. Largest retained size first, then by name.
 */
export function globalSuspects(graph: HeapGraph, dominators: Dominators, minSize: number): GlobalSuspect[] {
  const root = graph.rootOrdinal;
  const { synthetic } = graph.nodeTypes;
  const { property } = graph.edgeTypes;
  const suspects: GlobalSuspect[] = [];
  const seen = new Set<number>();
  for (let edge = graph.firstEdge[root]; edge < graph.firstEdge[root + 1]; edge++) {
    const global = graph.edgeTarget[edge];
    if (graph.nodeType[global] === synthetic || seen.has(global)) continue;
    seen.add(global);
    for (let e = graph.firstEdge[global]; e < graph.firstEdge[global + 1]; e++) {
      if (graph.edgeType[e] !== property) continue;
      const name = String(graph.edgeName(e));
      const node = graph.edgeTarget[e];
      // V8 names an accessor's halves `get NAME` and `set NAME`, and symbol keys `<symbol ...>`.
      const plain = name.replace(/^[gs]et /, '');
      if (PLAIN_GLOBALS.has(plain) || name.startsWith('<symbol') || dominators.retainedSize[node] < minSize)
        continue;
      suspects.push({ kind: 'globals', node, name });
    }
  }
  return suspects.sort(
    (a, b) =>
      dominators.retainedSize[b.node] - dominators.retainedSize[a.node] ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

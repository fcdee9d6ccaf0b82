import type { HeapGraph } from '../snapshot/heapGraph.js';

/**
 * What a box of an aggregate picture (merged paths, treemap) calls a node: `(root)` for the
 * snapshot's root, a synthetic root's own name (`(GC roots)`, `(Strong roots)`) rather than the
 * class `(synthetic)` they all share, and the DevTools class name otherwise.
 */
export function displayName(graph: HeapGraph, ordinal: number): string {
  if (ordinal === graph.rootOrdinal) return '(root)';
  if (graph.nodeType[ordinal] === graph.nodeTypes.synthetic) {
    const name = graph.nodeNameOf(ordinal);
    if (name !== '') return name;
  }
  return graph.className(ordinal);
}

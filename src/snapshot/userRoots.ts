import type { HeapGraph } from './heapGraph.js';

/** A child of the root that DevTools counts as a user root (a global or the DOM trees, not a GC root category). */
export function isUserRoot(graph: HeapGraph, ordinal: number): boolean {
  const type = graph.nodeType[ordinal];
  if (type !== graph.nodeTypes.synthetic) return true;
  return graph.nodeNameOf(ordinal) === '(Document DOM trees)';
}

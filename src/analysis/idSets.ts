import type { HeapGraph } from '../snapshot/heapGraph.js';
import { includesSorted } from '../snapshot/sortedSearch.js';

/**
 * Snapshot ids as sorted typed arrays: what survives of a snapshot once its graph is let go, so a
 * command comparing snapshots holds one graph at a time plus these (4 bytes per object).
 */
export function sortedIds(graph: HeapGraph): Uint32Array {
  return Uint32Array.from(graph.nodeId).sort();
}

/** Whether a sorted id array holds `id` (binary search). */
export function hasId(sorted: Uint32Array, id: number): boolean {
  return includesSorted(sorted, id);
}

import type { HeapGraph } from '../snapshot/heapGraph.js';

/**
 * Snapshot ids as sorted typed arrays: what survives of a snapshot once its graph is let go, so a
 * command comparing snapshots holds one graph at a time plus these (4 bytes per object).
 */
export function sortedIds(graph: HeapGraph): Uint32Array {
  return Uint32Array.from(graph.nodeId).sort();
}

/** Whether a sorted id array holds `id` (binary search). */
export function hasId(sorted: Uint32Array, id: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = sorted[middle];
    if (value === id) return true;
    if (value < id) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

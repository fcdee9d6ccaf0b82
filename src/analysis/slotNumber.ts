import type { HeapGraph } from '../snapshot/heapGraph.js';

/** What `slotNumber` returns for an edge that names a field, not a slot. */
export const NOT_NUMBERED = -1;
const DIGITS = /^\d+$/;

/**
 * The number an edge is named by, when it names a slot rather than a field: the index of an
 * element or hidden edge, or the digits V8 names a FixedArray's slots with (internal edges `6`,
 * `9`, ... of a Map's or Set's table, `0`, `1`, ... of an Array's elements store).
 * NOT_NUMBERED for every other edge.
 */
export function slotNumber(graph: HeapGraph, edge: number): number {
  if (graph.edgeHasIndex(edge)) return graph.edgeNameOrIndex[edge];
  if (graph.edgeType[edge] !== graph.edgeTypes.internal) return NOT_NUMBERED;
  const name = graph.strings.get(graph.edgeNameOrIndex[edge]);
  return DIGITS.test(name) && name.length < 16 ? Number(name) : NOT_NUMBERED;
}

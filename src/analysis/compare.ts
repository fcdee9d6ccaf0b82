// The orders heapdot lists things in, each written once: every tie is broken, so a listing is
// the same on every run and machine.

import type { HeapGraph } from '../snapshot/heapGraph.js';
import { type Distances, nearnessKey } from './distances.js';

/** What the node orders read of a graph: ties go to the smaller snapshot id. */
type Ids = Pick<HeapGraph, 'nodeId'>;

/** Code-unit order of two strings: the same on every machine, unlike localeCompare. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rows by class name, in code-unit order. */
export function byClassName(a: { className: string }, b: { className: string }): number {
  return compareText(a.className, b.className);
}

/**
 * Nodes nearest first: DevTools' distance (user roots before system ones, unreached last), then
 * the smaller snapshot id.
 */
export function compareNearest(graph: Ids, distances: Distances, a: number, b: number): number {
  return nearnessKey(distances, a) - nearnessKey(distances, b) || graph.nodeId[a] - graph.nodeId[b];
}

/** Nodes largest first by `sizes` (indexed by ordinal), then the smaller snapshot id. */
export function compareLargest(graph: Ids, sizes: ArrayLike<number>, a: number, b: number): number {
  return sizes[b] - sizes[a] || graph.nodeId[a] - graph.nodeId[b];
}

/** Nodes largest first by `sizes`, then nearest first (compareNearest): `find --sort retained|self`. */
export function compareLargestNearest(
  graph: Ids,
  sizes: ArrayLike<number>,
  distances: Distances,
  a: number,
  b: number,
): number {
  return sizes[b] - sizes[a] || compareNearest(graph, distances, a, b);
}

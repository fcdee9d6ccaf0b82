import type { HeapGraph } from '../snapshot/heapGraph.js';

/** A test of string indexes against one name, each string decoded at most once (for hot loops). */
export function nameTest(graph: HeapGraph, name: string): (index: number) => boolean {
  const seen = new Uint8Array(graph.strings.count);
  return (index) => {
    if (seen[index] === 0) seen[index] = graph.strings.get(index) === name ? 2 : 1;
    return seen[index] === 2;
  };
}

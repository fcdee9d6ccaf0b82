import type { HeapGraph } from '../snapshot/heapGraph.js';

/** The first edge of `node` of the given type name and edge name, or -1. */
export function findEdge(graph: HeapGraph, node: number, type: string, name: string): number {
  const end = graph.firstEdge[node + 1];
  for (let edge = graph.firstEdge[node]; edge < end; edge++) {
    if (graph.edgeTypeName(edge) === type && graph.edgeName(edge) === name) return edge;
  }
  return -1;
}

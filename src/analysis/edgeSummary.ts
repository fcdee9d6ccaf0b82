import type { HeapGraph } from '../snapshot/heapGraph.js';
import type { EdgeSummary } from './types.js';

/** An edge as DESIGN.md's JSON shows it: its type's name and its name (a number for element and hidden edges). */
export function edgeSummary(graph: HeapGraph, edge: number): EdgeSummary {
  return { type: graph.edgeTypeName(edge), name: graph.edgeName(edge) };
}

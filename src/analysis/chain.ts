import type { HeapGraph } from '../snapshot/heapGraph.js';
import { type Distances, NO_DISTANCE, NO_EDGE, rootKindOf } from './distances.js';
import type { NotFoundReason, RootKind } from './types.js';

/** A shortest retainer chain as ordinals and edge indexes: nodes[0] is the root, the last the target. */
export type RetainerChain =
  | { kind: 'found'; nodes: number[]; edges: number[]; rootKind: RootKind }
  | { kind: 'not-found'; reason: NotFoundReason };

/**
 * The shortest chain from the snapshot's root to `target`, read back along the edges through which
 * the distance search first reached each node: so its length is the target's distance, no edge
 * on it is weak, and ties go to the first edge in snapshot order (deterministic).
 * Unlike objgraph's find_backref_chain, a target no strong path reaches is never returned as its
 * own chain: it is `weak-only` when a weak edge from a reached node holds it, else `unreachable`.
 */
export function retainerChain(graph: HeapGraph, distances: Distances, target: number): RetainerChain {
  if (distances.raw[target] === NO_DISTANCE) {
    if (!distances.complete)
      throw new Error(`@${graph.nodeId[target]}: distance unknown (the search stopped early)`);
    return { kind: 'not-found', reason: notFoundReason(graph, distances, target) };
  }
  const nodes = [target];
  const edges: number[] = [];
  let node = target;
  while (node !== graph.rootOrdinal) {
    const edge = distances.parentEdge[node];
    if (edge === NO_EDGE) break;
    node = graph.edgeSource(edge);
    edges.push(edge);
    nodes.push(node);
  }
  nodes.reverse();
  edges.reverse();
  return { kind: 'found', nodes, edges, rootKind: rootKindOf(distances, target) ?? 'system' };
}

function notFoundReason(graph: HeapGraph, distances: Distances, target: number): NotFoundReason {
  const weak = graph.edgeTypes.weak;
  const { edgeTarget, edgeType, firstEdge, nodeCount } = graph;
  // One pass over the edges, source by source; no retainer index needed for one target.
  for (let node = 0; node < nodeCount; node++) {
    if (distances.raw[node] === NO_DISTANCE) continue;
    const end = firstEdge[node + 1];
    for (let edge = firstEdge[node]; edge < end; edge++) {
      if (edgeTarget[edge] === target && edgeType[edge] === weak) return 'weak-only';
    }
  }
  return 'unreachable';
}

import type { RetainerChain } from '../analysis/chain.js';
import type { Distances } from '../analysis/distances.js';
import type { Dominators } from '../analysis/dominatorTypes.js';
import { edgeSummary } from '../analysis/edgeSummary.js';
import type { HeapGraph } from '../snapshot/heapGraph.js';
import { nodeView } from './nodeView.js';
import type { ChainView } from './types.js';

/** A retainer chain (or why there is none) with what its picture and text show of each node. */
export function chainView(
  graph: HeapGraph,
  distances: Distances,
  target: number,
  chain: RetainerChain,
  snapshotName: string,
  dominators?: Dominators,
): ChainView {
  const base = { snapshotName, target: nodeView(graph, target, distances, dominators) };
  if (chain.kind === 'not-found')
    return { ...base, found: false, reason: chain.reason, nodes: [], edges: [] };
  return {
    ...base,
    found: true,
    rootKind: chain.rootKind,
    distance: chain.edges.length,
    nodes: chain.nodes.map((node) => nodeView(graph, node, distances, dominators)),
    edges: chain.edges.map((edge) => edgeSummary(graph, edge)),
  };
}

import { type RetainerChain, retainerChain } from '../analysis/chain.js';
import type { Distances } from '../analysis/distances.js';
import type { Dominators } from '../analysis/dominatorTypes.js';
import { edgeSummary } from '../analysis/edgeSummary.js';
import type { HeapGraph } from '../snapshot/heapGraph.js';
import type { ChosenTarget } from './chooseTarget.js';
import type { LeftOut } from './exclusions.js';
import { nodeView } from './nodeView.js';
import type { ChainView } from './types.js';
import { userChain } from './userChain.js';

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

/**
 * The chain to a chosen target, as `chain` and `graphs` show it: in the user view when the chooser
 * searched one (its search serves the chain too), with what --avoid and --ignore left out.
 */
export function chosenChainView(
  graph: HeapGraph,
  target: ChosenTarget,
  snapshotName: string,
  leftOut?: LeftOut,
): ChainView {
  const { chosen, distances, dominators } = target;
  const chain = retainerChain(graph, distances, chosen);
  const view = chainView(graph, distances, chosen, chain, snapshotName, dominators);
  if (target.view && chain.kind === 'found') view.user = userChain(graph, chosen, dominators, target.view);
  if (leftOut) view.leftOut = { ids: leftOut.ids, pattern: leftOut.pattern, count: leftOut.count };
  return view;
}

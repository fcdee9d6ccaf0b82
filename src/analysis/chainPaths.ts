import type { HeapGraph } from '../snapshot/heapGraph.js';
import { type RetainerChain, retainerChain } from './chain.js';
import { compareNearest } from './compare.js';
import { type Distances, NO_DISTANCE } from './distances.js';
import type { Neighbourhood, NeighbourhoodEdge, NeighbourhoodNode } from './neighbourhoodTypes.js';

/**
 * Up to `k` shortest chains to the target that end through different retainers: the shortest
 * chain of each of its nearest strongly reached retainers (nearest first, then smaller id), plus
 * that retainer's edge to the target. The first is the target's own shortest chain.
 */
export function shortestChains(
  graph: HeapGraph,
  distances: Distances,
  target: number,
  k: number,
): RetainerChain[] {
  const own = retainerChain(graph, distances, target);
  if (own.kind === 'not-found' || own.nodes.length < 2 || k <= 1) return [own];
  const { firstRetainer, retainerEdge, retainerSource } = graph.retainers();
  const weak = graph.edgeTypes.weak;
  // The first strong edge from each distinct reached retainer.
  const viaEdge = new Map<number, number>();
  for (let slot = firstRetainer[target]; slot < firstRetainer[target + 1]; slot++) {
    const source = retainerSource[slot];
    const edge = retainerEdge[slot];
    if (graph.edgeType[edge] === weak || distances.raw[source] === NO_DISTANCE || viaEdge.has(source))
      continue;
    viaEdge.set(source, edge);
  }
  const ownRetainer = own.nodes[own.nodes.length - 2];
  const others = [...viaEdge.keys()]
    .filter((source) => source !== ownRetainer && source !== target)
    .sort((a, b) => compareNearest(graph, distances, a, b));
  const chains: RetainerChain[] = [own];
  for (const source of others.slice(0, k - 1)) {
    const head = retainerChain(graph, distances, source);
    if (head.kind !== 'found') continue;
    chains.push({ ...head, nodes: [...head.nodes, target], edges: [...head.edges, viaEdge.get(source)!] });
  }
  return chains;
}

/** Several chains to one target drawn as one picture: each node and edge once, the shared prefix merged. */
export function mergeChains(chains: readonly RetainerChain[], target: number): Neighbourhood {
  const nodes = new Map<number, NeighbourhoodNode>();
  const edges = new Map<number, NeighbourhoodEdge>();
  let maxDepth = 0;
  for (const chain of chains) {
    if (chain.kind !== 'found') continue;
    const last = chain.nodes.length - 1;
    chain.nodes.forEach((ordinal, position) => {
      const depth = last - position;
      maxDepth = Math.max(maxDepth, depth);
      const known = nodes.get(ordinal);
      if (known) known.depth = Math.min(known.depth, depth);
      else
        nodes.set(ordinal, {
          ordinal,
          depth,
          isTarget: ordinal === target,
          highlighted: false,
          expanded: true,
        });
    });
    chain.edges.forEach((edge, position) => {
      if (!edges.has(edge))
        edges.set(edge, { from: chain.nodes[position], to: chain.nodes[position + 1], edge });
    });
  }
  if (nodes.size === 0)
    nodes.set(target, { ordinal: target, depth: 0, isTarget: true, highlighted: false, expanded: false });
  return {
    direction: 'retainers',
    nodes: [...nodes.values()],
    edges: [...edges.values()],
    omitted: [],
    maxDepth,
    notes: [],
  };
}

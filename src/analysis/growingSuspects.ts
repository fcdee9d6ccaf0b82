import type { HeapGraph } from '../snapshot/heapGraph.js';
import { COLLECTION_KINDS, type CollectionEntries } from './collectionEntries.js';
import type { Dominators, DominatorTree } from './dominatorTypes.js';
import type { GrowthCandidate } from './growthTracker.js';
import { suspectEligible } from './suspectsEligible.js';
import type { GrowingSuspect } from './suspectsTypes.js';

/** A holder whose growth one object below it makes at least this share of is explained by that object. */
const EXPLAINED = 0.8;
const NONE = -1;

/**
 * The growing objects worth naming, from what grew in every step (GrowthTracker). Everything above a
 * leak in the dominator tree grows with it (the emitter, its `_events`, the listeners array), so an
 * object is left out when an object it dominates grew by at least 80% as much (the growth is that
 * one's), and what a growing collection holds is its entries' growth, not a suspect of its own.
 * Collections whose entry count grew are always kept. Largest growth in retained size first.
 */
export function growingSuspects(
  graph: HeapGraph,
  sizes: { dominators: Dominators; tree: DominatorTree },
  collections: CollectionEntries,
  candidates: readonly GrowthCandidate[],
): GrowingSuspect[] {
  const eligible = suspectEligible(graph);
  const kept = candidates.filter((candidate) => eligible(candidate.node));
  const index = new Int32Array(graph.nodeCount).fill(NONE);
  kept.forEach((candidate, i) => {
    index[candidate.node] = i;
  });
  const growth = kept.map(({ retained }) => retained[retained.length - 1] - retained[0]);
  // Top-down over the dominator tree: each node's nearest candidate above it, and whether a growing
  // collection is above it.
  const above = new Int32Array(graph.nodeCount).fill(NONE);
  const underCollection = new Uint8Array(graph.nodeCount);
  const { firstChild, children } = sizes.tree;
  const stack = new Uint32Array(graph.nodeCount);
  let top = 0;
  stack[top++] = graph.rootOrdinal;
  while (top > 0) {
    const node = stack[--top];
    const own = index[node];
    const nearest = own !== NONE ? own : above[node];
    const collection = underCollection[node] === 1 || (own !== NONE && kept[own].entries !== undefined);
    for (let c = firstChild[node]; c < firstChild[node + 1]; c++) {
      const child = children[c];
      above[child] = nearest;
      underCollection[child] = collection ? 1 : 0;
      stack[top++] = child;
    }
  }
  const explained = new Uint8Array(kept.length);
  const dropped = new Uint8Array(kept.length);
  kept.forEach((candidate, i) => {
    const isCollection = candidate.entries !== undefined;
    if (!isCollection && underCollection[candidate.node] === 1) {
      dropped[i] = 1;
      return;
    }
    const holder = above[candidate.node];
    if (holder !== NONE && growth[i] >= EXPLAINED * growth[holder]) explained[holder] = 1;
  });
  const suspects: GrowingSuspect[] = [];
  kept.forEach((candidate, i) => {
    const isCollection = candidate.entries !== undefined;
    if (dropped[i] === 1 || (!isCollection && explained[i] === 1)) return;
    const suspect: GrowingSuspect = { kind: 'growing', node: candidate.node, retained: candidate.retained };
    if (candidate.entries) {
      suspect.entries = candidate.entries;
      suspect.collection = COLLECTION_KINDS[collections.kind[candidate.node]];
    }
    suspects.push(suspect);
  });
  const grew = (suspect: GrowingSuspect) =>
    suspect.retained[suspect.retained.length - 1] - suspect.retained[0];
  return suspects.sort((a, b) => grew(b) - grew(a) || graph.nodeId[a.node] - graph.nodeId[b.node]);
}

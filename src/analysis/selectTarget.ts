import type { HeapGraph } from '../snapshot/heapGraph.js';
import type { Distances } from './distances.js';
import { matchTarget, type Pick, sortNearest, type TargetSpec } from './targets.js';

export interface Selection {
  /** Every match, nearest first. */
  matches: Uint32Array;
  /** The one `pick` chose, or undefined when nothing matched or the N-th does not exist. */
  chosen: number | undefined;
}

/** The matches of a target, nearest first, and the one a one-object command takes. */
export function selectTarget(
  graph: HeapGraph,
  distances: Distances,
  spec: TargetSpec,
  pick: Pick,
): Selection {
  const matches = sortNearest(graph, distances, matchTarget(graph, spec));
  const index = pick.kind === 'nth' ? pick.n - 1 : 0;
  return { matches, chosen: index < matches.length ? matches[index] : undefined };
}

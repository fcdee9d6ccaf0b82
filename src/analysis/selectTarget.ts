import type { HeapGraph } from '../snapshot/heapGraph.js';
import { compareLargest, compareNearest } from './compare.js';
import type { Distances } from './distances.js';
import { matchTarget, type Pick, sortNearest, type TargetSpec } from './targets.js';

export interface Selection {
  /** How many objects the target matches. */
  count: number;
  /** The first `limit` matches, nearest first (smallest distance, then smallest id). */
  nearest: Uint32Array;
  /** The one `pick` chose, or undefined when nothing matched or the N-th does not exist. */
  chosen: number | undefined;
}

export interface SelectOptions {
  /** Which match a one-object command takes. @default nearest */
  pick?: Pick;
  /** How many of the nearest matches to list. @default 1 */
  limit?: number;
  /** Retained sizes (computeDominators), which `pick: largest` needs. */
  retainedSize?: Float64Array;
  /** The target's matches, when the caller has them already. @default matchTarget(graph, spec) */
  matches?: Uint32Array;
}

/**
 * The matches of a target and the one a one-object command takes. Only what is asked for is
 * ordered: the nearest (or largest) match alone is found in one pass, without sorting every match.
 * The nearest match alone needs only distances that stopped at it (computeDistances' `nearestOf`);
 * more than one needs complete distances.
 */
export function selectTarget(
  graph: HeapGraph,
  distances: Distances,
  spec: TargetSpec,
  options: SelectOptions = {},
): Selection {
  const matches = options.matches ?? matchTarget(graph, spec);
  const pick = options.pick ?? { kind: 'nearest' };
  const limit = options.limit ?? 1;
  const wanted = Math.max(limit, pick.kind === 'nth' ? pick.n : 1);
  if (wanted > 1 && !distances.complete) throw new Error('ordering matches needs complete distances');
  const ordered =
    wanted === 1 ? nearestOne(graph, distances, matches) : sortNearest(graph, distances, matches);
  const nearest = ordered.subarray(0, limit);
  if (pick.kind === 'largest') {
    if (!options.retainedSize) throw new Error('pick largest needs retained sizes (computeDominators)');
    return { count: matches.length, nearest, chosen: largest(graph, options.retainedSize, matches) };
  }
  const index = pick.kind === 'nth' ? pick.n - 1 : 0;
  return { count: matches.length, nearest, chosen: index < ordered.length ? ordered[index] : undefined };
}

/** The match with the largest retained size; ties go to the smaller id. */
function largest(graph: HeapGraph, sizes: Float64Array, matches: Uint32Array): number | undefined {
  let best: number | undefined;
  for (const node of matches)
    if (best === undefined || compareLargest(graph, sizes, node, best) < 0) best = node;
  return best;
}

function nearestOne(graph: HeapGraph, distances: Distances, matches: Uint32Array): Uint32Array {
  if (matches.length === 0) return matches;
  let best = matches[0];
  for (let i = 1; i < matches.length; i++) {
    const node = matches[i];
    if (compareNearest(graph, distances, node, best) < 0) best = node;
  }
  return Uint32Array.of(best);
}

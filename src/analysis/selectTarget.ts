import type { HeapGraph } from '../snapshot/heapGraph.js';
import { type Distances, nearnessKey } from './distances.js';
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
}

/**
 * The matches of a target and the one a one-object command takes. Only what is asked for is
 * ordered: the nearest match alone is found in one pass, without sorting every match.
 */
export function selectTarget(
  graph: HeapGraph,
  distances: Distances,
  spec: TargetSpec,
  options: SelectOptions = {},
): Selection {
  const matches = matchTarget(graph, spec);
  const pick = options.pick ?? { kind: 'nearest' };
  const wanted = Math.max(options.limit ?? 1, pick.kind === 'nth' ? pick.n : 1);
  const nearest =
    wanted === 1 ? nearestOne(graph, distances, matches) : sortNearest(graph, distances, matches);
  const index = pick.kind === 'nth' ? pick.n - 1 : 0;
  return {
    count: matches.length,
    nearest: nearest.subarray(0, options.limit ?? 1),
    chosen: index < nearest.length ? nearest[index] : undefined,
  };
}

function nearestOne(graph: HeapGraph, distances: Distances, matches: Uint32Array): Uint32Array {
  if (matches.length === 0) return matches;
  let best = matches[0];
  for (let i = 1; i < matches.length; i++) {
    const node = matches[i];
    const order =
      nearnessKey(distances, node) - nearnessKey(distances, best) || graph.nodeId[node] - graph.nodeId[best];
    if (order < 0) best = node;
  }
  return Uint32Array.of(best);
}

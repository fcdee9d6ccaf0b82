import { computeDistances, type Distances } from '../analysis/distances.js';
import { sortNearest } from '../analysis/targets.js';
import type { HeapGraph } from '../snapshot/heapGraph.js';
import { anchoredReach, type UserView, userView } from './userChain.js';

export interface AnchoredPick {
  /** The match taken. */
  chosen: number;
  /** The user view's search, settled at least as far as `chosen`. */
  view: UserView;
  /** Distances that reach `chosen` (recomputed when the nearest match was passed over). */
  distances: Distances;
  /** How many matches were passed over: only the stack or native handles hold them. */
  passedOver: number;
}

/**
 * `--pick nearest` in the user view: the nearest match, unless only the last-resort anchors (the
 * stack, native handles) reach it and another anchor reaches some other match; then the nearest
 * of those. A snapshot written near the heap limit has the object under construction on the
 * stack, always nearest, never the one a user is after. When the nearest match is anchored (the
 * usual case) this costs one search that stops at it, as a chain's own does; otherwise one search
 * of the whole user view.
 */
export function pickAnchored(
  graph: HeapGraph,
  matches: Uint32Array,
  nearest: number,
  distances: Distances,
  excluded?: Uint8Array,
): AnchoredPick {
  const view = userView(graph, { target: nearest, excluded });
  if (matches.length <= 1 || anchoredReach(view, nearest))
    return { chosen: nearest, view, distances, passedOver: 0 };
  const whole = userView(graph, { excluded });
  const anchored = matches.filter((match) => anchoredReach(whole, match));
  if (anchored.length === 0) return { chosen: nearest, view: whole, distances, passedOver: 0 };
  const reaching = distances.complete
    ? distances
    : computeDistances(graph, { nearestOf: anchored, excluded });
  return {
    chosen: sortNearest(graph, reaching, anchored)[0],
    view: whole,
    distances: reaching,
    passedOver: matches.length - anchored.length,
  };
}

import { computeDistances, type Distances } from '../analysis/distances.js';
import { computeDominators } from '../analysis/dominators.js';
import type { Dominators } from '../analysis/dominatorTypes.js';
import { selectTarget } from '../analysis/selectTarget.js';
import { matchTarget, type Pick, type TargetSpec } from '../analysis/targets.js';
import type { HeapGraph } from '../snapshot/heapGraph.js';
import { pickAnchored } from './pickAnchored.js';
import { type UserView, userView } from './userChain.js';

export interface ChooseTargetOptions {
  /** Which match a one-object command takes. @default nearest */
  pick?: Pick;
  /** How many matches, nearest first, a command that draws several takes. @default 1 */
  limit?: number;
  /** Compute dominators (retained sizes) even when the pick does not need them. @default false */
  retained?: boolean;
  /** How dominators are computed (the CLI shows their progress). @default computeDominators */
  dominators?: (graph: HeapGraph) => Dominators;
  /** The target's matches, when the caller has them already. @default matchTarget(graph, spec) */
  matches?: Uint32Array;
  /** Per node: 1 for a retainer the searches leave out (--avoid, --ignore). @default none */
  excluded?: Uint8Array;
  /**
   * The user view's choice: `nearest` prefers a match some anchor other than the stack or native
   * handles holds (pickAnchored), and the chosen object's user view is searched. @default false
   */
  user?: boolean;
  /**
   * Distances may stop at the nearest match: enough for one chain to it, and much faster on a big
   * snapshot. Taken only when nothing else (a later match, retained sizes) needs them all.
   * @default false
   */
  stopAtNearest?: boolean;
}

/** What choosing found: the object(s) taken, or why there are none. */
export type TargetChoice =
  | { kind: 'no-match' }
  /** `--pick N` beyond the matches. */
  | { kind: 'too-few'; count: number }
  | ChosenTarget;

export interface ChosenTarget {
  kind: 'chosen';
  /** How many objects the target matches. */
  count: number;
  matches: Uint32Array;
  /** The one object a one-object command takes. */
  chosen: number;
  /** What a command that draws several takes: the first `limit` matches, nearest first (else `chosen`). */
  targets: number[];
  /** Distances that reach `chosen` (complete unless `stopAtNearest` was taken). */
  distances: Distances;
  dominators?: Dominators;
  /** In the user view: its search, settled at least as far as `chosen`. */
  view?: UserView;
  /** How many matches the user view's nearest passed over (only the stack or native handles hold them). */
  passedOver: number;
}

/** Retained sizes are computed when they are shown or when they decide the pick. */
export function needsDominators(options: { retained?: boolean; pick?: Pick }): boolean {
  return options.retained === true || options.pick?.kind === 'largest';
}

/**
 * The one target chooser of every command that takes an object: matches the target, computes the
 * distances (and dominators) the choice needs, applies `pick` and `limit`, and in the user view
 * prefers an anchored match (pickAnchored). Says why nothing was chosen instead of throwing: the
 * caller words it.
 */
export function chooseTarget(
  graph: HeapGraph,
  spec: TargetSpec,
  options: ChooseTargetOptions = {},
): TargetChoice {
  const matches = options.matches ?? matchTarget(graph, spec);
  if (matches.length === 0) return { kind: 'no-match' };
  const pick = options.pick ?? { kind: 'nearest' };
  const limit = options.limit ?? 1;
  const wantsDominators = needsDominators(options);
  const nearestOnly = options.stopAtNearest === true && pick.kind === 'nearest' && limit === 1;
  const excluded = options.excluded;
  let distances = computeDistances(graph, {
    nearestOf: nearestOnly && !wantsDominators ? matches : undefined,
    excluded,
  });
  const dominators = wantsDominators ? (options.dominators ?? computeDominators)(graph) : undefined;
  const selection = selectTarget(graph, distances, spec, {
    pick,
    limit,
    retainedSize: dominators?.retainedSize,
    matches,
  });
  let chosen = selection.chosen;
  if (chosen === undefined) return { kind: 'too-few', count: matches.length };
  let view: UserView | undefined;
  let passedOver = 0;
  if (options.user && limit === 1) {
    if (pick.kind === 'nearest') {
      const anchored = pickAnchored(graph, matches, chosen, distances, excluded);
      ({ chosen, distances, passedOver, view } = anchored);
    } else view = userView(graph, { target: chosen, excluded });
  }
  const targets = limit > 1 ? Array.from(selection.nearest) : [chosen];
  return {
    kind: 'chosen',
    count: matches.length,
    matches,
    chosen,
    targets,
    distances,
    dominators,
    view,
    passedOver,
  };
}

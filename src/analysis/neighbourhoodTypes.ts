import type { ClassBreakdown } from './classShares.js';
import type { AnalysisNote, Direction } from './types.js';

export interface NeighbourhoodNode {
  ordinal: number;
  depth: number;
  isTarget: boolean;
  highlighted: boolean;
  expanded: boolean;
}

export interface NeighbourhoodEdge {
  /** Holder and held, in the heap's direction, as ordinals. */
  from: number;
  to: number;
  /** The snapshot's edge into `to` (in the user view, the last raw edge of the step). */
  edge: number;
  /** User view: the raw edges folded before `edge`, holder first (through Contexts, stores, tables). */
  folded?: number[];
}

export interface OmittedNeighbours {
  /** The node whose neighbours were left out. */
  ordinal: number;
  count: number;
  /** Their largest classes by count, with self sizes. */
  breakdown: ClassBreakdown;
}

/**
 * The neighbourhood of some objects, as ordinals and edge indexes: what backrefs and refs draw
 * (src/view/neighbourhood.ts makes it) and what merged chains draw (mergeChains).
 */
export interface Neighbourhood {
  direction: Direction;
  nodes: NeighbourhoodNode[];
  edges: NeighbourhoodEdge[];
  omitted: OmittedNeighbours[];
  maxDepth: number;
  /** What the person reading the picture should know (a cut at the node budget). */
  notes: AnalysisNote[];
  /** Drawn in the user view (edges carry `folded`, module scopes are anchors): what it left out. */
  userView?: UserViewSummary;
}

/** What the user view left out of a picture (DESIGN.md: "a note counts what was hidden"). */
export interface UserViewSummary {
  /** Internal objects the drawn arrows fold (Contexts, backing stores, tables), each counted once. */
  folded: number;
  /** Internal objects next to an expanded box that no rule covers (shapes, code, V8's own objects). */
  hidden: number;
}

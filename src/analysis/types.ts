/** An edge as heapdot reports it; `name` is a number for element and hidden edges. */
export interface EdgeSummary {
  type: string;
  name: string | number;
}

/** Which kind of root a node's shortest chain starts at (DESIGN.md, "Distance"). */
export type RootKind = 'user' | 'system';

/** Why a node has no retainer chain: nothing holds it, or only weak edges do. */
export type NotFoundReason = 'unreachable' | 'weak-only';

/** Which way a neighbourhood grows from its targets. */
export type Direction = 'retainers' | 'references';

/**
 * A picture cut at the last depth that fits its node budget: drawing depth `depth + 1` would
 * have added `adding` nodes (or merged steps) to the `drawn` ones, over `maxNodes`. The CLI and
 * the renderers word it (src/view/noteText.ts); analysis says no option names.
 */
export interface DepthCut {
  code: 'depth-cut';
  /** What the budget counts: a neighbourhood's boxes, or the merged steps of `paths`. */
  counts: 'nodes' | 'steps';
  depth: number;
  adding: number;
  drawn: number;
  maxNodes: number;
}

/** What an analysis tells the person reading its result, as a code and numbers. */
export type AnalysisNote = DepthCut;

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

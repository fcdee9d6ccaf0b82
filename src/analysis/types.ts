/** A node as heapdot reports it (DESIGN.md, "JSON of a chain"). */
export interface NodeSummary {
  id: number;
  type: string;
  name: string;
  className: string;
  selfSize: number;
  distance?: number;
  retainedSize?: number;
  detached?: boolean;
}

/** An edge as heapdot reports it; `name` is a number for element and hidden edges. */
export interface EdgeSummary {
  type: string;
  name: string | number;
}

export type RootKind = 'user' | 'system';
export type NotFoundReason = 'unreachable' | 'weak-only';

export interface ChainFound {
  kind: 'found';
  target: NodeSummary;
  found: true;
  rootKind: RootKind;
  distance: number;
  /** nodes[0] is the snapshot's root, the last one the target. */
  nodes: NodeSummary[];
  /** edges[i] goes from nodes[i] to nodes[i + 1]. */
  edges: EdgeSummary[];
}

export interface ChainNotFound {
  kind: 'not-found';
  target: NodeSummary;
  found: false;
  reason: NotFoundReason;
  nodes: [];
  edges: [];
}

export type ChainResult = ChainFound | ChainNotFound;

export function isChainFound(result: ChainResult): result is ChainFound {
  return result.kind === 'found';
}

import type { EdgeSummary } from '../analysis/types.js';

/**
 * The reference name as the snapshot records it: `[3]` for element (and other numbered) edges,
 * the property name, the context variable name, or the internal name. Not cut, not escaped.
 * An empty name shows as `""` so the edge never looks unlabelled.
 */
export function edgeLabel(edge: EdgeSummary): string {
  if (typeof edge.name === 'number') return `[${edge.name}]`;
  return edge.name === '' ? '""' : edge.name;
}

/** Edges V8 adds for its own bookkeeping: drawn in grey so the program's own references stand out. */
export function isInternalEdge(edge: EdgeSummary): boolean {
  return edge.type === 'internal' || edge.type === 'hidden';
}

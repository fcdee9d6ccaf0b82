import type { PathsTreeNode } from '../../analysis/pathsTypes.js';
import { edgeLabel } from '../edgeLabel.js';
import { formatBytes } from '../formatBytes.js';
import { cutText, NAME_MAX } from '../label.js';

/**
 * The edge of a merged step as people read it: the snapshot's name (`requests`, `[7]`), or, for
 * numbered edges merged over several numbers, their range (`[0…59]` for elements, `6…1203` for a
 * Map's table slots). Undefined for steps with no edge (the root, "more", "(unreachable)"). Cut,
 * not escaped: each renderer escapes for its format.
 */
export function stepEdgeText(node: PathsTreeNode): string | undefined {
  if (node.edge === null) return undefined;
  const range = node.indexRange;
  if (range === undefined || range[0] === range[1]) return cutText(edgeLabel(node.edge), NAME_MAX);
  const span = `${range[0]}…${range[1]}`;
  return typeof node.edge.name === 'number' ? `[${span}]` : span;
}

/** `61 matches · retained 4.3 KiB`: how many matched objects a step leads to, and what they retain. */
export function stepCountText(node: PathsTreeNode): string {
  return `${node.count} ${node.count === 1 ? 'match' : 'matches'} · retained ${formatBytes(node.retainedSize)}`;
}

/** `@74077`, or `60 objects, e.g. @74077` when several heap objects were merged into the step. Undefined for "more" and "(unreachable)". */
export function stepExampleText(node: PathsTreeNode): string | undefined {
  if (node.exampleId === undefined || node.kind === 'more' || node.kind === 'unreachable') return undefined;
  return node.objects > 1 ? `${node.objects} objects, e.g. @${node.exampleId}` : `@${node.exampleId}`;
}

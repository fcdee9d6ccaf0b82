import type { PathsTreeNode } from '../analysis/pathsTypes.js';
import { edgeLabel } from './edgeLabel.js';
import { formatBytes } from './formatBytes.js';
import { cutText, NAME_MAX } from './label.js';

/**
 * The edge of a merged step as people read it: the snapshot's name (`requests`, `[7]`), or, for
 * element edges merged over several indexes, their range (`[0…59]`). Undefined for steps with no
 * edge (the root, "more", "(unreachable)"). Cut, not escaped: each renderer escapes for its format.
 */
export function stepEdgeText(node: PathsTreeNode): string | undefined {
  if (node.edge === null) return undefined;
  const range = node.indexRange;
  const label = range && range[0] !== range[1] ? `[${range[0]}…${range[1]}]` : edgeLabel(node.edge);
  return cutText(label, NAME_MAX);
}

/** `61 objects · retained 4.3 KiB`: what a step of merged paths stands for. */
export function stepCountText(node: PathsTreeNode): string {
  return `${node.count} ${node.count === 1 ? 'object' : 'objects'} · retained ${formatBytes(node.retainedSize)}`;
}

/** `@74077`, or `e.g. @74077` when the step stands for several objects. Undefined for "more" and "(unreachable)". */
export function stepExampleText(node: PathsTreeNode): string | undefined {
  if (node.exampleId === undefined) return undefined;
  return node.kind === 'object' && node.count > 1 && node.matched !== 1
    ? `e.g. @${node.exampleId}`
    : `@${node.exampleId}`;
}

import type { HeapGraph } from '../snapshot/heapGraph.js';
import { byClassName } from './compare.js';
import { displayName } from './displayName.js';

/** How many objects of one class a "more" box stands for, and their size together. */
export interface ClassShare {
  className: string;
  count: number;
  /** Bytes: self sizes for backrefs and refs, retained sizes for a treemap's rest box. */
  size: number;
}

/** What a "more" box holds: its largest classes, and how many other classes there are. */
export interface ClassBreakdown {
  classes: ClassShare[];
  otherClasses: number;
}

/** How many classes a "more" box names. */
export const MORE_CLASSES = 3;

/**
 * The `limit` classes of `ordinals` (named as the boxes name them: see `displayName`) with the
 * most objects, or the largest size with `rank` 'size' (then the other, then the name in
 * code-unit order, so the same objects give the same answer), each with its count and total
 * `sizeOf`. One Map entry per class, not per object.
 * @default rank 'count', limit MORE_CLASSES
 */
export function classBreakdown(
  graph: HeapGraph,
  ordinals: Iterable<number>,
  sizeOf: (ordinal: number) => number,
  rank: 'count' | 'size' = 'count',
  limit = MORE_CLASSES,
): ClassBreakdown {
  const byClass = new Map<string, ClassShare>();
  for (const ordinal of ordinals) {
    const className = displayName(graph, ordinal);
    let share = byClass.get(className);
    if (share === undefined) {
      share = { className, count: 0, size: 0 };
      byClass.set(className, share);
    }
    share.count++;
    share.size += sizeOf(ordinal);
  }
  const sorted = [...byClass.values()].sort((a, b) =>
    rank === 'count'
      ? b.count - a.count || b.size - a.size || byClassName(a, b)
      : b.size - a.size || b.count - a.count || byClassName(a, b),
  );
  return { classes: sorted.slice(0, limit), otherClasses: Math.max(0, sorted.length - limit) };
}

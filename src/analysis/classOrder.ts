import { byCount, type ClassStat } from './classStats.js';
import { byClassName } from './compare.js';
import type { ClassDiff } from './snapshotDiff.js';

/** What a table of classes (`types`) can be ordered by: instances, their self size, their retained size. */
export type ClassStatOrder = 'count' | 'self' | 'retained';

/** What a comparison of two snapshots (`diff`) can be ordered by: growth in count, self size or retained size. */
export type ClassDiffOrder = 'count' | 'size' | 'retained';

const STAT_ORDER: Record<ClassStatOrder, (a: ClassStat, b: ClassStat) => number> = {
  count: byCount,
  self: (a, b) => b.selfSize - a.selfSize,
  // Without retained sizes every difference is 0, and the tie-break (byCount) orders them.
  retained: (a, b) => (b.retainedSize ?? 0) - (a.retainedSize ?? 0),
};

/** The classes largest first by `by`, ties in byCount order (count, self size, name): a stable order. */
export function sortClassStats(stats: readonly ClassStat[], by: ClassStatOrder): ClassStat[] {
  const order = STAT_ORDER[by];
  return [...stats].sort((a, b) => order(a, b) || byCount(a, b));
}

/** Largest growth first; diffSnapshots already gives count order (count, then size, then name). */
const DIFF_ORDER: Record<ClassDiffOrder, ((a: ClassDiff, b: ClassDiff) => number) | undefined> = {
  count: undefined,
  size: (a, b) => b.sizeDelta - a.sizeDelta || b.countDelta - a.countDelta || byClassName(a, b),
  retained: (a, b) =>
    (b.retainedDelta ?? 0) - (a.retainedDelta ?? 0) || b.sizeDelta - a.sizeDelta || byClassName(a, b),
};

/** The classes of a diff (in diffSnapshots' order) by the largest growth in `by`. */
export function sortClassDiffs(classes: readonly ClassDiff[], by: ClassDiffOrder): ClassDiff[] {
  const order = DIFF_ORDER[by];
  return order ? [...classes].sort(order) : [...classes];
}

import { byClassName } from './compare.js';
import {
  TREND_DEFAULTS,
  type TrendClass,
  type TrendModel,
  type TrendOptions,
  type TrendSnapshot,
} from './trendTypes.js';

/**
 * objgraph's show_growth over any number of snapshots: every class's count and self size in each
 * snapshot (0 where a snapshot has none), its growth from the first snapshot to the last, classes
 * sorted by growth (in `options.metric`, largest first, then by name), and the `options.top`
 * fastest-growing ones named for a chart (`options.classes` keeps only the named classes).
 * Only the per-class statistics are needed, so a caller
 * can read the snapshots one after another and keep one graph at a time.
 */
export function trend(snapshots: readonly TrendSnapshot[], options: TrendOptions = {}): TrendModel {
  const top = options.top ?? TREND_DEFAULTS.top;
  const metric = options.metric ?? TREND_DEFAULTS.metric;
  if (!Number.isInteger(top) || top < 0)
    throw new RangeError(`trend: top must be a whole number >= 0, not ${top}`);
  const width = snapshots.length;
  const byName = new Map<string, TrendClass>();
  snapshots.forEach((snapshot, index) => {
    for (const stat of snapshot.stats) {
      let row = byName.get(stat.className);
      if (!row) {
        row = {
          className: stat.className,
          counts: new Array<number>(width).fill(0),
          selfSizes: new Array<number>(width).fill(0),
          growth: 0,
          selfSizeGrowth: 0,
        };
        byName.set(stat.className, row);
      }
      row.counts[index] += stat.count;
      row.selfSizes[index] += stat.selfSize;
    }
  });
  const wanted = options.classes;
  const chosen = wanted === undefined || wanted.length === 0;
  const classes = chosen
    ? [...byName.values()]
    : [...byName.values()].filter((row) => wanted.some((name) => classMatches(name, row.className)));
  for (const row of classes) {
    row.growth = width === 0 ? 0 : row.counts[width - 1] - row.counts[0];
    row.selfSizeGrowth = width === 0 ? 0 : row.selfSizes[width - 1] - row.selfSizes[0];
  }
  const growthOf =
    metric === 'count' ? (row: TrendClass) => row.growth : (row: TrendClass) => row.selfSizeGrowth;
  classes.sort((a, b) => growthOf(b) - growthOf(a) || byClassName(a, b));
  // Classes asked for by name are drawn whether they grew or not: the user wants to see them.
  const grown = chosen ? classes.filter((row) => growthOf(row) > 0) : classes;
  return {
    snapshots: snapshots.map((snapshot) => snapshot.name),
    metric,
    classes,
    top: grown.slice(0, top).map((row) => row.className),
  };
}

function classMatches(wanted: string | RegExp, className: string): boolean {
  if (typeof wanted === 'string') return wanted === className;
  wanted.lastIndex = 0;
  return wanted.test(className);
}

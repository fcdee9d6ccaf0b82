/**
 * Growth by allocation site: Python tracemalloc's `Snapshot.compare_to(old, 'lineno')` (and
 * `'traceback'`) for V8 heaps. Both snapshots are grouped by allocationSites, every site with
 * every class, and the sites are matched by their frames (function, script, line and column of
 * each): the ids of V8's stack tree are not meant to be compared across snapshots, a function's
 * place is.
 *
 * What heapdot changed: tracemalloc orders by the size of the change either way; a leak grows, so
 * here the largest growth comes first and the sites that shrank come last. The objects without a
 * stack are compared on their own, as in allocationSites.
 */
import type { AllocationFrame } from '../snapshot/allocationTraces.js';
import {
  type AllocationSite,
  type AllocationSiteGrowth,
  type AllocationSites,
  type AllocationSitesGrowth,
  type GrowthTotals,
  SITES_DEFAULTS,
  type SiteClass,
  type SiteClassGrowth,
  type SiteGrowthOptions,
  type SiteGrowthOrder,
  type SiteGrowthTotals,
  type SiteTotals,
} from './allocationSiteTypes.js';
import { byClassName, compareText } from './compare.js';

/** One snapshot's sites, all of them (allocationSites with `limit` and `topClasses` Infinity), and its name. */
export interface NamedSites {
  name: string;
  sites: AllocationSites;
}

export function allocationSiteGrowth(
  before: NamedSites,
  after: NamedSites,
  options: SiteGrowthOptions = {},
): AllocationSitesGrowth {
  for (const side of [before, after])
    if (side.sites.sites.length !== side.sites.siteCount)
      throw new Error(`allocationSiteGrowth needs every site of ${side.name} (limit: Infinity)`);
  const sort = options.sort ?? SITES_DEFAULTS.sort;
  const limit = options.limit ?? SITES_DEFAULTS.limit;
  const top = options.topClasses ?? SITES_DEFAULTS.topClasses;

  const pairs = new Map<
    string,
    { frames: AllocationFrame[]; before?: AllocationSite; after?: AllocationSite }
  >();
  for (const [side, sites] of [
    ['before', before.sites.sites],
    ['after', after.sites.sites],
  ] as const)
    for (const site of sites) {
      const key = framesKey(site.frames);
      let pair = pairs.get(key);
      if (pair === undefined) {
        pair = { frames: site.frames };
        pairs.set(key, pair);
      }
      pair[side] = site;
    }

  const rows = [...pairs].map(([key, pair]) => ({
    key,
    site: {
      frames: pair.frames,
      ...totalsGrowth(pair.before, pair.after, top),
    } satisfies AllocationSiteGrowth,
  }));
  const [first, second]: (keyof GrowthTotals)[] =
    sort === 'size' ? ['sizeDelta', 'countDelta'] : ['countDelta', 'sizeDelta'];
  rows.sort(
    (a, b) =>
      b.site[first] - a.site[first] ||
      b.site[second] - a.site[second] ||
      b.site.countAfter - a.site.countAfter ||
      compareText(a.key, b.key),
  );
  const { view, depth, className } = after.sites;
  return {
    before: before.name,
    after: after.name,
    view,
    depth,
    className,
    sort: sort satisfies SiteGrowthOrder,
    siteCount: rows.length,
    traced: growth(
      before.sites.traced.count,
      after.sites.traced.count,
      before.sites.traced.selfSize,
      after.sites.traced.selfSize,
    ),
    sites: rows.slice(0, limit).map((row) => row.site),
    untraced: totalsGrowth(before.sites.untraced, after.sites.untraced, top),
  };
}

/** A site's key: its frames, each told apart by function, script, line and column (as allocationSites merges them). */
function framesKey(frames: AllocationFrame[]): string {
  return frames.map((f) => `${f.functionName}\0${f.scriptName}\0${f.line}\0${f.column}`).join('\x01');
}

function growth(
  countBefore: number,
  countAfter: number,
  sizeBefore: number,
  sizeAfter: number,
): GrowthTotals {
  return {
    countBefore,
    countAfter,
    countDelta: countAfter - countBefore,
    sizeBefore,
    sizeAfter,
    sizeDelta: sizeAfter - sizeBefore,
  };
}

/** One group in both snapshots (absent from one: nothing there), with its `top` classes by change. */
function totalsGrowth(
  before: SiteTotals | undefined,
  after: SiteTotals | undefined,
  top: number,
): SiteGrowthTotals {
  const classes = new Map<string, SiteClassGrowth>();
  const add = (list: SiteClass[] | undefined, field: 'countBefore' | 'countAfter') => {
    for (const each of list ?? []) {
      let row = classes.get(each.className);
      if (row === undefined) {
        row = { className: each.className, countBefore: 0, countAfter: 0, countDelta: 0 };
        classes.set(each.className, row);
      }
      row[field] = each.count;
    }
  };
  add(before?.classes, 'countBefore');
  add(after?.classes, 'countAfter');
  const all = [...classes.values()];
  for (const row of all) row.countDelta = row.countAfter - row.countBefore;
  all.sort(
    (a, b) =>
      Math.abs(b.countDelta) - Math.abs(a.countDelta) || b.countAfter - a.countAfter || byClassName(a, b),
  );
  return {
    ...growth(before?.count ?? 0, after?.count ?? 0, before?.selfSize ?? 0, after?.selfSize ?? 0),
    classes: all.slice(0, top),
    classCount: all.length,
  };
}

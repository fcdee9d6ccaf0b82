import type { AllocationFrame } from '../snapshot/allocationTraces.js';
import type { Dominators, DominatorTree } from './dominatorTypes.js';

/**
 * How live objects are grouped by their allocation stacks (Python tracemalloc's two views):
 * `line` by the innermost frame's `file:line` (and function), `stack` by the whole stack.
 */
export type SiteView = 'line' | 'stack';

/** What sites are ordered by: objects, their self size, or their retained size. */
export type SiteOrder = 'count' | 'size' | 'retained';

export interface AllocationSitesOptions {
  /** Group by the innermost frame, or by the stack. @default 'line' */
  view?: SiteView;
  /** In the `stack` view, how many frames (innermost first) make a group. @default Infinity (all) */
  depth?: number;
  /** Only objects of this DevTools class name (`graph.className`). @default undefined (all) */
  className?: string;
  /** Count objects of V8's own classes too (isV8InternalClass); `className` overrides. @default false */
  all?: boolean;
  /** @default 'count'; `retained` needs `sizes` (falls back to `size` without them) */
  sort?: SiteOrder;
  /** How many sites to describe, after sorting. @default 20 */
  limit?: number;
  /** How many of each site's classes to name, most objects first. @default 3 */
  topClasses?: number;
  /** The dominators, for retained sizes; without them no retained size is computed. */
  sizes?: { dominators: Dominators; tree: DominatorTree };
}

export const SITES_DEFAULTS = {
  view: 'line',
  depth: Number.POSITIVE_INFINITY,
  sort: 'count',
  limit: 20,
  topClasses: 3,
} as const satisfies Required<Omit<AllocationSitesOptions, 'className' | 'sizes' | 'all'>>;

/** Objects of one class in a group. */
export interface SiteClass {
  className: string;
  count: number;
}

/** What a group of objects adds up to. */
export interface SiteTotals {
  count: number;
  selfSize: number;
  /**
   * As DevTools sums a class: the retained sizes of the group's objects that no other object of
   * the group dominates. Only with dominators.
   */
  retainedSize?: number;
  /** The group's most common classes (up to `topClasses`), most objects first. */
  classes: SiteClass[];
  /** How many distinct classes the group holds. */
  classCount: number;
}

/**
 * Live objects allocated at one place: in the `line` view one frame (the allocating function), in
 * the `stack` view up to `depth` frames, innermost first. An empty `frames` means objects allocated
 * while no JavaScript ran (V8 puts them at the top of its stack tree).
 */
export interface AllocationSite extends SiteTotals {
  frames: AllocationFrame[];
}

/** `heapdot sites`: live objects by the place that allocated them. */
export interface AllocationSites {
  view: SiteView;
  /** The stack view's depth; null for all frames, and in the line view. */
  depth: number | null;
  /** The class filter, or null. */
  className: string | null;
  sort: SiteOrder;
  /** How many sites there are in all (before `limit`). */
  siteCount: number;
  /** All objects with an allocation stack (of the class, with a filter). */
  traced: { count: number; selfSize: number };
  /** The first `limit` sites in `sort` order. */
  sites: AllocationSite[];
  /** The objects without an allocation stack: allocated before tracking started. */
  untraced: SiteTotals;
}

/** What sites of two snapshots are ordered by: growth in objects, or in their self size. */
export type SiteGrowthOrder = 'count' | 'size';

export interface SiteGrowthOptions {
  /** @default 'count' */
  sort?: SiteGrowthOrder;
  /** How many sites to describe, after sorting. @default 20 */
  limit?: number;
  /** How many of each site's classes to name, largest change first. @default 3 */
  topClasses?: number;
}

/** What a group of objects adds up to in two snapshots, and the change (after minus before). */
export interface GrowthTotals {
  countBefore: number;
  countAfter: number;
  countDelta: number;
  sizeBefore: number;
  sizeAfter: number;
  sizeDelta: number;
}

/** Objects of one class in a group, in two snapshots. */
export interface SiteClassGrowth {
  className: string;
  countBefore: number;
  countAfter: number;
  countDelta: number;
}

/** A group in two snapshots, with the classes whose count changed most. */
export interface SiteGrowthTotals extends GrowthTotals {
  /** Up to `topClasses`, largest change (either way) first, then most objects after. */
  classes: SiteClassGrowth[];
  /** How many distinct classes the group holds in either snapshot. */
  classCount: number;
}

/** One allocation site (its frames as in AllocationSite) in two snapshots. */
export interface AllocationSiteGrowth extends SiteGrowthTotals {
  frames: AllocationFrame[];
}

/**
 * `heapdot sites BEFORE AFTER`: each site's growth (tracemalloc's `compare_to`), sites matched by
 * their frames (function, script, line, column), not by the ids of V8's stack tree.
 */
export interface AllocationSitesGrowth {
  /** The snapshots' names, earlier first. */
  before: string;
  after: string;
  view: SiteView;
  depth: number | null;
  className: string | null;
  sort: SiteGrowthOrder;
  /** How many sites there are in either snapshot (before `limit`). */
  siteCount: number;
  traced: GrowthTotals;
  /** The first `limit` sites: largest growth first, the sites that shrank last. */
  sites: AllocationSiteGrowth[];
  untraced: SiteGrowthTotals;
}

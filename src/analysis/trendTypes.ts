import type { ClassStat } from './classStats.js';

/** What a trend ranks classes by, and what a table or chart of it shows: instances or their self size. */
export type TrendMetric = 'count' | 'selfSize';

/** One snapshot of a trend: its name (the file, as the user named it) and its per-class statistics. */
export interface TrendSnapshot {
  name: string;
  stats: readonly ClassStat[];
}

export interface TrendOptions {
  /** How many of the fastest-growing classes the chart draws. @default 8 */
  top?: number;
  /** The growth classes are ranked by: in instances or in self size. @default 'count' */
  metric?: TrendMetric;
  /**
   * Only the classes named here (a string is an exact class name, a RegExp is tested against it);
   * the chart then draws the first `top` of them whether they grew or not. @default every class
   */
  classes?: readonly (string | RegExp)[];
}

export const TREND_DEFAULTS: Readonly<Required<Omit<TrendOptions, 'classes'>>> = { top: 8, metric: 'count' };

/** One class across the snapshots: arrays have one entry per snapshot, in order, 0 where absent. */
export interface TrendClass {
  className: string;
  counts: number[];
  selfSizes: number[];
  /** Last count minus first count. */
  growth: number;
  /** Last self size minus first self size, in bytes. */
  selfSizeGrowth: number;
}

/**
 * Per-class counts and self sizes across snapshots, in order. `classes` holds every class seen in
 * any snapshot, sorted by growth in `metric` (largest first), then by class name (code-unit order);
 * `top` names the classes a chart draws: the first `options.top` of them that grew (growth > 0).
 */
export interface TrendModel {
  snapshots: string[];
  metric: TrendMetric;
  classes: TrendClass[];
  top: string[];
}

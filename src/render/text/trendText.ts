import type { TrendClass, TrendMetric, TrendModel } from '../../analysis/trendTypes.js';
import { formatBytes } from '../formatBytes.js';
import { cutText, NAME_MAX, visibleText } from '../label.js';
import { textTable } from './table.js';

export interface TrendTextOptions {
  /** Counts, or self sizes (in KiB, MiB...). @default the model's metric */
  metric?: TrendMetric;
  /** How many classes to list, in the model's order; the rest are counted on one line. @default all */
  limit?: number;
}

/**
 * A trend as a text table: the snapshots numbered, then per class (in the model's order,
 * fastest-growing first) its value in each snapshot and its growth from the first to the last.
 * ```
 * snapshots:
 *   1  baseline.heapsnapshot
 *   2  final.heapsnapshot
 * class           1     2  growth
 * Leaky           0  1500   +1500
 * ```
 * Heap text is made visible (`visibleText`) and long names are cut. Every line ends with a newline.
 */
export function trendToText(model: TrendModel, options: TrendTextOptions = {}): string {
  const metric = options.metric ?? model.metric;
  const shown = options.limit === undefined ? model.classes : model.classes.slice(0, options.limit);
  const value = metric === 'count' ? (n: number) => String(n) : formatBytes;
  const growthOf = (row: TrendClass) => (metric === 'count' ? row.growth : row.selfSizeGrowth);
  const signed = (n: number) => (n > 0 ? `+${value(n)}` : value(n));
  const key = model.snapshots.map((name, index) => `  ${index + 1}  ${visibleText(name)}\n`).join('');
  const header = ['class', ...model.snapshots.map((_, index) => String(index + 1)), 'growth'];
  const rows = shown.map((row) => [
    visibleText(cutText(row.className, NAME_MAX)),
    ...(metric === 'count' ? row.counts : row.selfSizes).map(value),
    signed(growthOf(row)),
  ]);
  const right = header.map((_, column) => column).filter((column) => column > 0);
  const what = metric === 'count' ? 'objects per class' : 'self size per class';
  let text = `${what} in ${model.snapshots.length} snapshots:\n${key}${textTable(header, rows, right)}`;
  const rest = model.classes.length - shown.length;
  if (rest > 0) text += `… ${rest} more ${rest === 1 ? 'class' : 'classes'}\n`;
  return text;
}

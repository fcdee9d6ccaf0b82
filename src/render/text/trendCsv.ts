import type { TrendMetric, TrendModel } from '../../analysis/trendTypes.js';
import { csvRow } from './csv.js';

/**
 * A trend as CSV, for a spreadsheet or a plotting script: the header `class,<snapshot names...>`,
 * then one row per class in the model's order (fastest-growing first) with its value in each
 * snapshot, 0 where a snapshot has none: its count, or for `selfSize` its self size in bytes
 * (default: the model's metric). Class and snapshot names are quoted as RFC 4180 says when they
 * hold commas, quotes or line breaks.
 * ```
 * class,baseline.heapsnapshot,target.heapsnapshot,final.heapsnapshot
 * Leaky,0,500,1500
 * ```
 */
export function trendToCsv(model: TrendModel, metric: TrendMetric = model.metric): string {
  const lines = [csvRow(['class', ...model.snapshots])];
  for (const row of model.classes) {
    lines.push(csvRow([row.className, ...(metric === 'count' ? row.counts : row.selfSizes)]));
  }
  return lines.join('');
}

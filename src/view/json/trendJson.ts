import type { TrendModel } from '../../analysis/trendTypes.js';

/**
 * A trend as JSON, two-space indented, with a final newline: the model as it is,
 * `{ snapshots: [name...], metric, classes: [{ className, counts: [...], selfSizes: [...], growth,
 * selfSizeGrowth }], top: [className...] }` (one entry per snapshot in each array; sizes in bytes).
 */
export function trendToJson(model: TrendModel): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}

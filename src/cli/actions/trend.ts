import {
  classStats,
  type TrendMetric,
  type TrendModel,
  trend,
  trendToCsv,
  trendToJson,
  trendToSvg,
  trendToText,
} from '../../index.js';
import type { Renderers } from '../../output/formats.js';
import { NotFoundError, UsageError } from '../errors.js';
import type { CliIO } from '../io.js';
import { refuseStdinTwice } from '../load.js';
import type { AllOption, CommonOptions } from '../options.js';
import { rankedSeries } from '../rankings.js';
import { reduceSeries } from '../series.js';

export interface TrendCliOptions extends CommonOptions, AllOption {
  top: number;
  metric: TrendMetric;
  limit: number;
  width: number;
  height: number;
  class?: (string | RegExp)[];
  log?: boolean;
}

/** Two or more snapshots, standard input for one at most: checked before anything is read. */
export function checkTrendFiles(snapshots: readonly string[]): void {
  if (snapshots.length < 2)
    throw new UsageError(`trend needs two or more snapshots, oldest first; got ${snapshots.length}`);
  refuseStdinTwice(snapshots);
}

/** The trend of the snapshots' classes, read one graph at a time (reduceSeries). */
export async function trendOfFiles(
  snapshots: readonly string[],
  io: CliIO,
  options: TrendCliOptions,
): Promise<TrendModel> {
  const stats = await reduceSeries(snapshots, io, options, (graph) => classStats(graph));
  const taken = snapshots.map((name, index) => ({ name, stats: stats[index] }));
  // Classes asked for by --class are shown whatever they are.
  const shown = options.class !== undefined ? taken : rankedSeries(taken, options, io, 'trend');
  const model = trend(shown, { top: options.top, metric: options.metric, classes: options.class });
  if (options.class !== undefined && model.classes.length === 0)
    throw new NotFoundError(`no class in the snapshots matches ${options.class.map(String).join(', ')}`);
  return model;
}

export function trendRenderers(model: TrendModel, options: TrendCliOptions): Renderers {
  const { width, height, limit } = options;
  return {
    text: () => trendToText(model, { limit }),
    json: () => trendToJson(model),
    csv: () => trendToCsv(model),
    svg: () => trendToSvg(model, { width, height, log: options.log === true }),
  };
}

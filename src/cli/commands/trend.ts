import { Command, Option } from 'commander';
import { TREND_CHART_SIZE, TREND_DEFAULTS } from '../../index.js';
import { checkTrendFiles, type TrendCliOptions, trendOfFiles, trendRenderers } from '../actions/trend.js';
import { emit, planOutputs } from '../emit.js';
import type { CliIO } from '../io.js';
import { addAllOption, addCommonOptions, wholeNumber } from '../options.js';
import { collectClass, parseMetric } from '../parsers.js';

/** The chart is drawn as SVG here; PNG is made from it. */
const FORMATS = ['text', 'json', 'csv', 'svg'] as const;

export function trendCommand(io: CliIO): Command {
  const command = new Command('trend')
    .description(
      'per-class counts and self sizes across two or more snapshots, in order: a table, CSV, JSON or a line chart of the fastest-growing classes',
    )
    .argument(
      '<snapshots...>',
      'two or more .heapsnapshot files, gzip or not, oldest first (- is standard input)',
    )
    .option(
      '--top <k>',
      'how many of the fastest-growing classes the chart draws',
      wholeNumber(1),
      TREND_DEFAULTS.top,
    )
    .addOption(
      new Option('--metric <metric>', 'rank and show classes by count or by self size (count|self)')
        .default(TREND_DEFAULTS.metric, 'count')
        .argParser(parseMetric),
    )
    .option('--limit <n>', 'how many classes the text table lists', wholeNumber(1), 20)
    .option('--width <px>', 'chart width', wholeNumber(300), TREND_CHART_SIZE.width)
    .option('--height <px>', 'chart height', wholeNumber(200), TREND_CHART_SIZE.height)
    .option(
      '--class <name>',
      'only this class (an exact name, or /regex/), in every form; repeat for more',
      collectClass,
    )
    .option('--log', 'draw the chart on a logarithmic scale');
  addAllOption(command);
  addCommonOptions(command, FORMATS);
  return command.action(async (snapshots: string[], options: TrendCliOptions) => {
    checkTrendFiles(snapshots);
    const destinations = await planOutputs(options, FORMATS, snapshots);
    const model = await trendOfFiles(snapshots, io, options);
    await emit(io, destinations, trendRenderers(model, options), options.quiet);
  });
}

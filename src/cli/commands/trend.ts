import { Command, InvalidArgumentError, Option } from 'commander';
import {
  classStats,
  type InterfaceDefinition,
  TREND_CHART_SIZE,
  TREND_DEFAULTS,
  type TrendMetric,
  type TrendSnapshot,
  trend,
  trendToCsv,
  trendToJson,
  trendToSvg,
  trendToText,
} from '../../index.js';
import { emit, planOutputs } from '../emit.js';
import { NotFoundError, UsageError } from '../errors.js';
import type { CliIO } from '../io.js';
import { loadSnapshot, refuseStdinTwice } from '../load.js';
import {
  type AllOption,
  addAllOption,
  addCommonOptions,
  type CommonOptions,
  parsePattern,
  wholeNumber,
} from '../options.js';
import { rankedClasses } from '../rankings.js';

interface TrendCliOptions extends CommonOptions, AllOption {
  top: number;
  metric: TrendMetric;
  limit: number;
  width: number;
  height: number;
  class?: (string | RegExp)[];
  log?: boolean;
}

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
    if (snapshots.length < 2)
      throw new UsageError(`trend needs two or more snapshots, oldest first; got ${snapshots.length}`);
    refuseStdinTwice(snapshots);
    const destinations = await planOutputs(options, FORMATS, snapshots);
    // One graph at a time: each is dropped once its per-class statistics are taken. The last is
    // read first, and every snapshot's plain objects take its interface names (as DevTools' Comparison
    // view names both sides after the snapshot being viewed), so a class is one row across the series.
    const statsOf = async (path: string, interfaces?: InterfaceDefinition[]) => {
      const graph = await loadSnapshot(path, io, options);
      if (interfaces) graph.useInterfaceDefinitions(interfaces);
      return { stats: classStats(graph), interfaces: graph.interfaceNames().definitions };
    };
    const last = await statsOf(snapshots[snapshots.length - 1]);
    const taken: TrendSnapshot[] = [];
    for (const path of snapshots.slice(0, -1))
      taken.push({ name: path, stats: (await statsOf(path, last.interfaces)).stats });
    taken.push({ name: snapshots[snapshots.length - 1], stats: last.stats });
    // V8's own classes are left out of every snapshot alike (one note, from the last), so the
    // fastest-growing rows are user classes; classes asked for by --class are shown whatever they are.
    const shown =
      options.class !== undefined
        ? taken
        : taken.map((snapshot, index) => ({
            ...snapshot,
            stats: rankedClasses(
              snapshot.stats,
              index === taken.length - 1 ? options : { ...options, quiet: true },
              io,
              'trend',
            ),
          }));
    const model = trend(shown, { top: options.top, metric: options.metric, classes: options.class });
    if (options.class !== undefined && model.classes.length === 0) {
      throw new NotFoundError(`no class in the snapshots matches ${options.class.map(String).join(', ')}`);
    }
    await emit(
      io,
      destinations,
      {
        text: () => trendToText(model, { limit: options.limit }),
        json: () => trendToJson(model),
        csv: () => trendToCsv(model),
        svg: () =>
          trendToSvg(model, { width: options.width, height: options.height, log: options.log === true }),
      },
      options.quiet,
    );
  });
}

/** `--class NAME` (exact) or `--class /regex/flags`, collected in the order given. */
function collectClass(value: string, previous: (string | RegExp)[] = []): (string | RegExp)[] {
  const isRegex = value.length > 1 && value.startsWith('/') && /\/[a-z]*$/.test(value);
  return [...previous, isRegex ? parsePattern(value) : value];
}

/** `count` or `self` (the library's `selfSize`): the one place the CLI word becomes the library's. */
function parseMetric(value: string): TrendMetric {
  if (value === 'count') return 'count';
  if (value === 'self') return 'selfSize';
  throw new InvalidArgumentError('use count or self.');
}

import { Command, Option } from 'commander';
import {
  computeDistances,
  matchesToText,
  matchTarget,
  nodeSummary,
  nodeView,
  parseTarget,
  selectTarget,
} from '../../index.js';
import { dominatorsShown } from '../analysis.js';
import { emit, planOutputs } from '../emit.js';
import type { CliIO } from '../io.js';
import { loadSnapshot } from '../load.js';
import { noMatch } from '../noMatch.js';
import { addCommonOptions, type CommonOptions, wholeNumber } from '../options.js';

interface FindOptions extends CommonOptions {
  limit: number;
  sort: 'distance' | 'retained' | 'self';
}

const FORMATS = ['text', 'json'] as const;

export function findCommand(io: CliIO): Command {
  const command = new Command('find')
    .description('the objects a target matches: id, class, self and retained size, distance, value')
    .argument('<snapshot>', 'a .heapsnapshot file, gzip or not, or - for standard input')
    .argument('<target>', '@id, a class name, /regex/ or string:TEXT')
    .addOption(
      new Option(
        '--sort <by>',
        'order by distance (nearest first), retained size or self size (largest first)',
      )
        .choices(['distance', 'retained', 'self'])
        .default('distance'),
    )
    .option('--limit <n>', 'list at most N matches', wholeNumber(1), 50);
  addCommonOptions(command, FORMATS);
  return command.action(async (snapshot: string, target: string, options: FindOptions) => {
    const spec = parseTarget(target);
    const destinations = await planOutputs(options, FORMATS, [snapshot]);
    const graph = await loadSnapshot(snapshot, io, options);
    const distances = computeDistances(graph);
    const dominators = dominatorsShown(graph, io, options);
    const matches = matchTarget(graph, spec);
    if (matches.length === 0) throw noMatch(graph, snapshot, target, spec);
    // Sizes order every match, largest first; ties keep the nearest first (the sort is stable).
    const size = { distance: undefined, retained: dominators.retainedSize, self: graph.shallowSizes() }[
      options.sort
    ];
    const { nearest } = selectTarget(graph, distances, spec, {
      matches,
      limit: size === undefined ? options.limit : matches.length,
    });
    const ordered =
      size === undefined ? Array.from(nearest) : Array.from(nearest).sort((a, b) => size[b] - size[a]);
    const shown = ordered.slice(0, options.limit);
    await emit(
      io,
      destinations,
      {
        text: () =>
          matchesToText(
            shown.map((node) => nodeView(graph, node, distances, dominators)),
            matches.length,
          ),
        json: () =>
          `${JSON.stringify(
            shown.map((node) => nodeSummary(graph, node, distances, dominators)),
            null,
            2,
          )}\n`,
      },
      options.quiet,
    );
  });
}

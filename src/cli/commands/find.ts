import { Command, Option } from 'commander';
import { matchesToText, nodeSummary, nodeView } from '../../index.js';
import { emit, planOutputs } from '../emit.js';
import type { CliIO } from '../io.js';
import { loadSnapshot } from '../load.js';
import {
  addCommonOptions,
  type CommonOptions,
  SNAPSHOT_ARGUMENT,
  TARGET_ARGUMENT,
  wholeNumber,
} from '../options.js';
import { chooseNamedTarget, nameTarget } from '../target.js';

interface FindOptions extends CommonOptions {
  limit: number;
  sort: 'distance' | 'retained' | 'self';
}

const FORMATS = ['text', 'json'] as const;

export function findCommand(io: CliIO): Command {
  const command = new Command('find').description(
    'the objects a target matches: id, class, self and retained size, distance, value',
  );
  command
    .argument(...SNAPSHOT_ARGUMENT)
    .argument(...TARGET_ARGUMENT)
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
  return command.action(async (snapshot: string, text: string, options: FindOptions) => {
    const target = nameTarget(snapshot, text);
    const destinations = await planOutputs(options, FORMATS, [snapshot]);
    const graph = await loadSnapshot(snapshot, io, options);
    // Sizes order every match, largest first; ties keep the nearest first (the sort is stable).
    const byDistance = options.sort === 'distance';
    const { matches, targets, distances, dominators } = chooseNamedTarget(
      graph,
      target,
      io,
      { ...options, limit: byDistance ? options.limit : Number.MAX_SAFE_INTEGER },
      { user: false, retained: true },
    );
    const size = options.sort === 'retained' ? dominators.retainedSize : graph.shallowSizes();
    const shown = (byDistance ? targets : targets.sort((a, b) => size[b] - size[a])).slice(0, options.limit);
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

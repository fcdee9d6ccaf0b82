import { Command, Option } from 'commander';
import { type FindOptions, findRenderers } from '../actions/find.js';
import { emit, planOutputs } from '../emit.js';
import type { CliIO } from '../io.js';
import { loadSnapshot } from '../load.js';
import { addCommonOptions, SNAPSHOT_ARGUMENT, TARGET_ARGUMENT, wholeNumber } from '../options.js';
import { nameTarget } from '../target.js';

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
    await emit(io, destinations, findRenderers(graph, target, io, options), options.quiet);
  });
}

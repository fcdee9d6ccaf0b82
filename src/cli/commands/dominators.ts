import { Command } from 'commander';
import { dominatorsRenderers, dominatorsView, type Pick } from '../../index.js';
import { emit, planOutputs } from '../emit.js';
import type { CliIO } from '../io.js';
import { loadSnapshot } from '../load.js';
import {
  addCommonOptions,
  addPickOption,
  addRawOption,
  type CommonOptions,
  type RawOption,
  SNAPSHOT_ARGUMENT,
  TARGET_ARGUMENT,
  wholeNumber,
} from '../options.js';
import { chooseNamedTarget, nameTarget } from '../target.js';

interface DominatorsOptions extends CommonOptions, RawOption {
  pick: Pick;
  depth: number;
  tooMany: number;
}

const FORMATS = ['text', 'dot', 'json'] as const;

export function dominatorsCommand(io: CliIO): Command {
  const command = new Command('dominators').description(
    'the objects whose release would free the target (its dominators), and what it alone keeps alive',
  );
  command
    .argument(...SNAPSHOT_ARGUMENT)
    .argument(...TARGET_ARGUMENT)
    .option('--depth <n>', "also show the target's dominated subtree, N levels deep", wholeNumber(0), 0)
    .option('--too-many <n>', 'children shown per node, largest retained size first', wholeNumber(1), 10);
  addPickOption(command);
  addRawOption(command);
  addCommonOptions(command, FORMATS);
  return command.action(async (snapshot: string, text: string, options: DominatorsOptions) => {
    const target = nameTarget(snapshot, text);
    const destinations = await planOutputs(options, FORMATS, [snapshot]);
    const graph = await loadSnapshot(snapshot, io, options);
    const chosen = chooseNamedTarget(graph, target, io, options, { user: !options.raw, retained: true });
    const { depth, tooMany } = options;
    const view = dominatorsView(graph, chosen.distances, chosen.dominators, chosen.chosen, snapshot, {
      depth,
      tooMany,
      user: chosen.view,
    });
    await emit(io, destinations, dominatorsRenderers(view), options.quiet);
  });
}

import { Command } from 'commander';
import { PATHS_DEFAULTS } from '../../index.js';
import { type PathsOptions, pathsOfSnapshot, pathsRenderers } from '../actions/paths.js';
import { emit, planOutputs } from '../emit.js';
import type { CliIO } from '../io.js';
import { loadSnapshot } from '../load.js';
import {
  addCommonOptions,
  addExclusionOptions,
  addRawOption,
  SNAPSHOT_ARGUMENT,
  TARGET_ARGUMENT,
  wholeNumber,
} from '../options.js';
import { nameTarget } from '../target.js';

const FORMATS = ['text', 'dot', 'json'] as const;

export function pathsCommand(io: CliIO): Command {
  const command = new Command('paths').description(
    'merged shortest paths to GC roots of every match: which path holds how many, and how much they retain',
  );
  command
    .argument(...SNAPSHOT_ARGUMENT)
    .argument(...TARGET_ARGUMENT)
    .option(
      '--min-count <n>',
      'fold steps that lead to fewer than N matches into "more"',
      wholeNumber(1),
      PATHS_DEFAULTS.minCount,
    )
    .option('--top <k>', 'keep the K largest children of each step', wholeNumber(1), PATHS_DEFAULTS.top)
    .option(
      '--max-nodes <n>',
      'cut a bigger picture at the last depth that fits',
      wholeNumber(1),
      PATHS_DEFAULTS.maxNodes,
    );
  addExclusionOptions(command);
  addRawOption(command);
  addCommonOptions(command, FORMATS);
  return command.action(async (snapshot: string, text: string, options: PathsOptions) => {
    const target = nameTarget(snapshot, text);
    const destinations = await planOutputs(options, FORMATS, [snapshot]);
    const tree = pathsOfSnapshot(await loadSnapshot(snapshot, io, options), target, io, options);
    await emit(io, destinations, pathsRenderers(tree, target), options.quiet);
  });
}

import { Command } from 'commander';
import {
  computeDistances,
  leftOutNote,
  noteText,
  PATHS_DEFAULTS,
  pathsToDot,
  pathsToJson,
  pathsToText,
  pathsTree,
  userPathsTree,
  userView,
} from '../../index.js';
import { dominatorsShown } from '../dominatorsProgress.js';
import { emit, planOutputs } from '../emit.js';
import type { CliIO } from '../io.js';
import { leftOutOf } from '../leftOut.js';
import { loadSnapshot } from '../load.js';
import {
  addCommonOptions,
  addExclusionOptions,
  addRawOption,
  type CommonOptions,
  type ExclusionCliOptions,
  type RawOption,
  SNAPSHOT_ARGUMENT,
  TARGET_ARGUMENT,
  wholeNumber,
} from '../options.js';
import { nameTarget, targetMatches } from '../target.js';

interface PathsOptions extends CommonOptions, RawOption, ExclusionCliOptions {
  minCount: number;
  top: number;
  maxNodes: number;
}

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
    const graph = await loadSnapshot(snapshot, io, options);
    const matches = targetMatches(graph, target);
    const limits = { minCount: options.minCount, top: options.top, maxNodes: options.maxNodes };
    const leftOut = leftOutOf(graph, options, matches, snapshot);
    const excluded = leftOut?.mask;
    if (leftOut && !options.quiet)
      io.stderr.write(`paths: ${leftOutNote(leftOut)}; what only they hold is unreachable\n`);
    const dominators = dominatorsShown(graph, io, options);
    // The user view by default: chains from anchors, V8's internals folded into the steps.
    const tree = options.raw
      ? pathsTree(graph, computeDistances(graph, { excluded }), dominators, matches, limits)
      : userPathsTree(graph, userView(graph, { excluded }), dominators, matches, limits);
    if (!options.quiet) for (const note of tree.notes) io.stderr.write(`paths: ${noteText(note)}\n`);
    await emit(
      io,
      destinations,
      {
        text: ({ color }) => pathsToText(tree, { target: text, snapshotName: snapshot, color }),
        dot: () => pathsToDot(tree),
        json: () => pathsToJson(tree),
      },
      options.quiet,
    );
  });
}

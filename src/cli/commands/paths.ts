import { Command } from 'commander';
import {
  computeDistances,
  leftOutNote,
  matchTarget,
  noteText,
  PATHS_DEFAULTS,
  parseTarget,
  pathsToDot,
  pathsToJson,
  pathsToText,
  pathsTree,
  userPathsTree,
  userView,
} from '../../index.js';
import { dominatorsShown } from '../analysis.js';
import { emit, planOutputs } from '../emit.js';
import type { CliIO } from '../io.js';
import { leftOutOf } from '../leftOut.js';
import { loadSnapshot } from '../load.js';
import { noMatch } from '../noMatch.js';
import {
  addCommonOptions,
  addExclusionOptions,
  addRawOption,
  type CommonOptions,
  type ExclusionCliOptions,
  type RawOption,
  wholeNumber,
} from '../options.js';

interface PathsOptions extends CommonOptions, RawOption, ExclusionCliOptions {
  minCount: number;
  top: number;
  maxNodes: number;
}

const FORMATS = ['text', 'dot', 'json'] as const;

export function pathsCommand(io: CliIO): Command {
  const command = new Command('paths')
    .description(
      'merged shortest paths to GC roots of every match: which path holds how many, and how much they retain',
    )
    .argument('<snapshot>', 'a .heapsnapshot file, gzip or not, or - for standard input')
    .argument('<target>', '@id, a class name, /regex/ or string:TEXT')
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
  return command.action(async (snapshot: string, target: string, options: PathsOptions) => {
    const spec = parseTarget(target);
    const destinations = await planOutputs(options, FORMATS, [snapshot]);
    const graph = await loadSnapshot(snapshot, io, options);
    const matches = matchTarget(graph, spec);
    if (matches.length === 0) throw noMatch(graph, snapshot, target, spec);
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
        text: ({ color }) => pathsToText(tree, { target, snapshotName: snapshot, color }),
        dot: () => pathsToDot(tree),
        json: () => pathsToJson(tree),
      },
      options.quiet,
    );
  });
}

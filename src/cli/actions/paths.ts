import {
  type HeapGraph,
  leftOutNote,
  matchPaths,
  noteText,
  type PathsTree,
  pathsToDot,
  pathsToJson,
  pathsToText,
  type Renderers,
} from '../../index.js';
import { dominatorsShown } from '../dominatorsProgress.js';
import type { CliIO } from '../io.js';
import { leftOutOf } from '../leftOut.js';
import type { CommonOptions, ExclusionCliOptions, RawOption } from '../options.js';
import { type NamedTarget, targetMatches } from '../target.js';

export interface PathsOptions extends CommonOptions, RawOption, ExclusionCliOptions {
  minCount: number;
  top: number;
  maxNodes: number;
}

/** The merged paths of every match of the target, its notes (and what was left out) on standard error. */
export function pathsOfSnapshot(
  graph: HeapGraph,
  target: NamedTarget,
  io: CliIO,
  options: PathsOptions,
): PathsTree {
  const matches = targetMatches(graph, target);
  const leftOut = leftOutOf(graph, options, matches, target.snapshot);
  if (leftOut && !options.quiet)
    io.stderr.write(`paths: ${leftOutNote(leftOut)}; what only they hold is unreachable\n`);
  const dominators = dominatorsShown(graph, io, options);
  const tree = matchPaths(graph, dominators, matches, {
    raw: options.raw,
    excluded: leftOut?.mask,
    minCount: options.minCount,
    top: options.top,
    maxNodes: options.maxNodes,
  });
  if (!options.quiet) for (const note of tree.notes) io.stderr.write(`paths: ${noteText(note)}\n`);
  return tree;
}

export function pathsRenderers(tree: PathsTree, target: NamedTarget): Renderers {
  return {
    text: ({ color }) => pathsToText(tree, { target: target.text, snapshotName: target.snapshot, color }),
    dot: () => pathsToDot(tree),
    json: () => pathsToJson(tree),
  };
}

import { Command } from 'commander';
import {
  backrefs,
  computeDistances,
  type Dominators,
  type HeapGraph,
  leftOutNote,
  matchTarget,
  type NeighbourhoodView,
  neighbourhoodToDot,
  neighbourhoodToJson,
  neighbourhoodToText,
  neighbourhoodView,
  parseTarget,
  refs,
  selectTarget,
} from '../index.js';
import { dominatorsShown } from './analysis.js';
import { emit, planOutputs, type Renderers } from './emit.js';
import type { CliIO } from './io.js';
import { leftOutOf } from './leftOut.js';
import { loadSnapshot } from './load.js';
import { noMatch } from './noMatch.js';
import {
  addCommonOptions,
  addExclusionOptions,
  addNeighbourhoodOptions,
  addRawOption,
  addRetainedOption,
  type CommonOptions,
  type ExclusionCliOptions,
  type NeighbourhoodCliOptions,
  neighbourhoodOptions,
} from './options.js';

export type NeighbourhoodCliArgs = CommonOptions & NeighbourhoodCliOptions & { retained?: boolean };
type NeighbourhoodArgs = NeighbourhoodCliArgs & ExclusionCliOptions;

/** The targets a neighbourhood command draws: the first --limit matches, nearest first. */
export function neighbourhoodTargets(
  graph: HeapGraph,
  distances: ReturnType<typeof computeDistances>,
  snapshot: string,
  target: string,
  limit: number,
): number[] {
  const spec = parseTarget(target);
  const { count, nearest } = selectTarget(graph, distances, spec, { limit });
  if (count === 0) throw noMatch(graph, snapshot, target, spec);
  return Array.from(nearest);
}

/** Computes backrefs or refs of a target as a view, from already parsed options. */
export function drawNeighbourhood(
  graph: HeapGraph,
  distances: ReturnType<typeof computeDistances>,
  targets: number[],
  kind: 'backrefs' | 'refs',
  options: NeighbourhoodCliOptions,
  snapshotName: string,
  dominators?: Dominators,
  excluded?: Uint8Array,
): NeighbourhoodView {
  const grow = kind === 'backrefs' ? backrefs : refs;
  const model = grow(graph, distances, targets, {
    ...neighbourhoodOptions(options, dominators?.retainedSize),
    excluded,
  });
  return neighbourhoodView(graph, distances, model, kind, snapshotName, dominators);
}

export function neighbourhoodRenderers(view: NeighbourhoodView): Renderers {
  return {
    text: ({ color }) => neighbourhoodToText(view, { color }),
    dot: () => neighbourhoodToDot(view),
    json: () => neighbourhoodToJson(view),
  };
}

const FORMATS = ['text', 'dot', 'json'] as const;

/** `backrefs` and `refs`: the same command growing the other way. */
export function neighbourhoodCommand(io: CliIO, kind: 'backrefs' | 'refs', description: string): Command {
  const command = new Command(kind)
    .description(description)
    .argument('<snapshot>', 'a .heapsnapshot file, gzip or not, or - for standard input')
    .argument('<target>', '@id, a class name, /regex/ or string:TEXT');
  addNeighbourhoodOptions(command);
  addRetainedOption(command);
  if (kind === 'backrefs') addExclusionOptions(command);
  addRawOption(command);
  addCommonOptions(command, FORMATS);
  return command.action(async (snapshot: string, target: string, options: NeighbourhoodArgs) => {
    const spec = parseTarget(target);
    const destinations = await planOutputs(options, FORMATS, [snapshot]);
    const graph = await loadSnapshot(snapshot, io, options);
    // As chain does: the retainers left out are out of the distances too, so the way to a root stays.
    const leftOut = leftOutOf(graph, options, matchTarget(graph, spec), snapshot);
    const distances = computeDistances(graph, { excluded: leftOut?.mask });
    const targets = neighbourhoodTargets(graph, distances, snapshot, target, options.limit);
    const dominators = options.retained ? dominatorsShown(graph, io, options) : undefined;
    const view = drawNeighbourhood(
      graph,
      distances,
      targets,
      kind,
      options,
      snapshot,
      dominators,
      leftOut?.mask,
    );
    if (leftOut) view.notes.push(leftOutNote(leftOut));
    if (!options.quiet) for (const note of view.notes) io.stderr.write(`${kind}: ${note}\n`);
    await emit(io, destinations, neighbourhoodRenderers(view), options.quiet);
  });
}

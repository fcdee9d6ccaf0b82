import { Command } from 'commander';
import {
  backrefs,
  type computeDistances,
  type Dominators,
  type HeapGraph,
  leftOutNote,
  type NeighbourhoodView,
  neighbourhoodRenderers,
  neighbourhoodView,
  refs,
} from '../index.js';
import { emit, planOutputs } from './emit.js';
import type { CliIO } from './io.js';
import { loadSnapshot } from './load.js';
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
  SNAPSHOT_ARGUMENT,
  TARGET_ARGUMENT,
} from './options.js';
import { chooseNamedTarget, nameTarget } from './target.js';

export type NeighbourhoodCliArgs = CommonOptions & NeighbourhoodCliOptions & { retained?: boolean };
type NeighbourhoodArgs = NeighbourhoodCliArgs & ExclusionCliOptions;

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

const FORMATS = ['text', 'dot', 'json'] as const;

/** `backrefs` and `refs`: the same command growing the other way. */
export function neighbourhoodCommand(io: CliIO, kind: 'backrefs' | 'refs', description: string): Command {
  const command = new Command(kind).description(description);
  command.argument(...SNAPSHOT_ARGUMENT).argument(...TARGET_ARGUMENT);
  addNeighbourhoodOptions(command);
  addRetainedOption(command);
  if (kind === 'backrefs') addExclusionOptions(command);
  addRawOption(command);
  addCommonOptions(command, FORMATS);
  return command.action(async (snapshot: string, text: string, options: NeighbourhoodArgs) => {
    const target = nameTarget(snapshot, text);
    const destinations = await planOutputs(options, FORMATS, [snapshot]);
    const graph = await loadSnapshot(snapshot, io, options);
    // As chain does: the retainers left out are out of the distances too, so the way to a root stays.
    const { targets, distances, dominators, leftOut } = chooseNamedTarget(graph, target, io, options, {
      user: !options.raw,
    });
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

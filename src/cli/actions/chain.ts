import {
  type ChainView,
  chainRenderers,
  chosenChainView,
  type HeapGraph,
  leftOutNote,
  mergeChains,
  type NeighbourhoodView,
  neighbourhoodRenderers,
  neighbourhoodView,
  notFoundNote,
  type Pick,
  type Renderers,
  retainerChain,
  shortestChains,
} from '../../index.js';
import { NotFoundError } from '../errors.js';
import type { CliIO } from '../io.js';
import type { CommonOptions, ExclusionCliOptions, RawOption } from '../options.js';
import { type CliTarget, chooseNamedTarget, type NamedTarget } from '../target.js';

export interface ChainOptions extends CommonOptions, RawOption, ExclusionCliOptions {
  pick: Pick;
  paths: number;
  maxNodes: number;
  retained?: boolean;
}

/** What `chain` shows of the chosen target: its chain, or with --paths K, K chains merged into one picture. */
export type ChainAnswer = { kind: 'chain'; view: ChainView } | { kind: 'paths'; view: NeighbourhoodView };

/** The target chosen as `chain` chooses it (the user view for one chain, unless --raw) and its answer. */
export function chainOfSnapshot(
  graph: HeapGraph,
  target: NamedTarget,
  io: CliIO,
  options: ChainOptions,
): { answer: ChainAnswer; chosen: CliTarget } {
  const chosen = chooseNamedTarget(graph, target, io, options, {
    user: !options.raw && options.paths === 1,
    // HEAPDOT_FULL_DISTANCES=1 searches the whole graph all the same (tests compare the two).
    stopAtNearest: options.paths === 1 && io.env.HEAPDOT_FULL_DISTANCES !== '1',
  });
  return { answer: chainAnswer(graph, chosen, target.snapshot, options.paths), chosen };
}

function chainAnswer(graph: HeapGraph, target: CliTarget, snapshot: string, paths: number): ChainAnswer {
  const { chosen, distances, dominators } = target;
  if (paths > 1 && retainerChain(graph, distances, chosen).kind === 'found') {
    const merged = mergeChains(shortestChains(graph, distances, chosen, paths), chosen);
    return {
      kind: 'paths',
      view: neighbourhoodView(graph, distances, merged, 'paths', snapshot, dominators),
    };
  }
  return { kind: 'chain', view: chosenChainView(graph, target, snapshot, target.leftOut) };
}

/** The chain in every form `chain` writes; merged chains as the neighbourhood pictures are. */
export function chainAnswerRenderers(answer: ChainAnswer, maxNodes: number): Renderers {
  if (answer.kind === 'paths') return neighbourhoodRenderers(answer.view);
  return chainRenderers(answer.view, { maxNodes });
}

/** No chain is an answer, printed, and then exit status 1: nothing holds it, or only what was left out. */
export function refuseNoChain(answer: ChainAnswer, target: CliTarget): void {
  if (answer.kind !== 'chain' || answer.view.found) return;
  const { view } = answer;
  throw new NotFoundError(
    target.leftOut
      ? `@${view.target.id}: nothing but the retainers left out holds it (${leftOutNote(target.leftOut)})`
      : `@${view.target.id}: ${notFoundNote(view.reason)}`,
  );
}

import {
  chainRenderers,
  chainView,
  type HeapGraph,
  leftOutNote,
  mergeChains,
  type NeighbourhoodView,
  neighbourhoodRenderers,
  neighbourhoodView,
  notFoundNote,
  type Renderers,
  retainerChain,
  shortestChains,
  userChain,
} from '../index.js';
import { NotFoundError } from './errors.js';
import type { CliTarget } from './target.js';

type ChainView = ReturnType<typeof chainView>;

/** What `chain` shows of the chosen target: its chain, or with --paths K, K chains merged into one picture. */
export type ChainAnswer = { kind: 'chain'; view: ChainView } | { kind: 'paths'; view: NeighbourhoodView };

export function chainAnswer(
  graph: HeapGraph,
  target: CliTarget,
  snapshot: string,
  paths: number,
): ChainAnswer {
  const { chosen, distances, dominators, leftOut } = target;
  const chain = retainerChain(graph, distances, chosen);
  if (paths > 1 && chain.kind === 'found') {
    const merged = mergeChains(shortestChains(graph, distances, chosen, paths), chosen);
    return {
      kind: 'paths',
      view: neighbourhoodView(graph, distances, merged, 'paths', snapshot, dominators),
    };
  }
  const view = chainView(graph, distances, chosen, chain, snapshot, dominators);
  // The chooser's search of the user view serves the chain too.
  if (target.view && chain.kind === 'found') view.user = userChain(graph, chosen, dominators, target.view);
  if (leftOut) view.leftOut = { ids: leftOut.ids, pattern: leftOut.pattern, count: leftOut.count };
  return { kind: 'chain', view };
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

import type { HeapGraph } from '../snapshot/heapGraph.js';
import { NAME, type NameCodes } from './nameCodes.js';

/**
 * Which handler of a promise reaction (`system / PromiseReaction`) an edge to a closure is. Newer
 * V8 names the edges `fulfill_handler` and `reject_handler`; Node 20 and 24 number them as hidden
 * edges, and the numbers shift between versions (a Zero `next` takes a number in one, not in the
 * other). What holds in both is V8's field order: `next`, reject handler, fulfil handler, then the
 * derived promise (`promise_or_capability`). So of two handlers the first is the reject one, and a
 * lone handler is told by how far before the promise it sits: the fulfil handler right before it,
 * the reject one a slot earlier (the fulfil slot, undefined, is not written but keeps its number).
 */
export type HandlerKind = 'fulfill' | 'reject';

export interface ReactionHandler {
  kind: HandlerKind;
  /** True when the reaction has a handler of the other kind as well (`then(onOk, onFailed)`). */
  paired: boolean;
}

export function reactionHandler(graph: HeapGraph, names: NameCodes, edge: number): ReactionHandler {
  const named = names.edge(edge);
  const reaction = graph.edgeSource(edge);
  const closure = graph.nodeTypes.closure;
  let handlers = 0;
  let first = -1;
  let promiseSlot = -1;
  for (let other = graph.firstEdge[reaction]; other < graph.firstEdge[reaction + 1]; other++) {
    const code = names.edge(other);
    if (code === NAME.fulfillHandler || code === NAME.rejectHandler) handlers++;
    if (!graph.edgeHasIndex(other)) continue;
    const to = graph.edgeTarget[other];
    if (graph.nodeType[to] === closure) {
      handlers++;
      if (first === -1) first = other;
    } else if (promiseSlot === -1 && first !== -1 && names.node(to) !== NAME.promiseReaction) {
      promiseSlot = graph.edgeNameOrIndex[other];
    }
  }
  const paired = handlers > 1;
  if (named === NAME.fulfillHandler) return { kind: 'fulfill', paired };
  if (named === NAME.rejectHandler) return { kind: 'reject', paired };
  if (paired) return { kind: edge === first ? 'reject' : 'fulfill', paired };
  const slot = graph.edgeNameOrIndex[edge];
  return { kind: promiseSlot === slot + 2 ? 'reject' : 'fulfill', paired };
}

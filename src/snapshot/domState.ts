import type { HeapGraph } from './heapGraph.js';

/** DOM link states, as the snapshot's `detachedness` field and DevTools number them. */
export const DOM_UNKNOWN = 0;
export const DOM_ATTACHED = 1;
export const DOM_DETACHED = 2;

/**
 * Which native nodes DevTools calls detached (and names `Detached <div>`), following
 * front_end/entrypoints/heap_snapshot_worker/HeapSnapshot.ts: propagateDOMState. Every native node
 * whose state the snapshot knows passes it on, over edges that are not hidden or weak, to the native
 * nodes it reaches that have not been seen: attached first, then detached, so what an attached node
 * reaches is never called detached. The walk stops at JavaScript objects: every way from JavaScript
 * into embedder code is a node that knows its own state.
 *
 * Returns, per node, 1 when DevTools names it detached; undefined when the snapshot has no
 * `detachedness` field (then nothing is).
 */
export function detachedNodes(graph: HeapGraph): Uint8Array | undefined {
  const state = graph.nodeDetachedness;
  if (!state) return undefined;
  const { nodeCount, nodeType, firstEdge, edgeTarget, edgeType } = graph;
  const native = graph.nodeTypes.native;
  const hidden = graph.edgeTypes.hidden;
  const weak = graph.edgeTypes.weak;
  const visited = new Uint8Array(nodeCount);
  const detached = new Uint8Array(nodeCount);
  const attachedWork = new Uint32Array(nodeCount);
  const detachedWork = new Uint32Array(nodeCount);
  let attachedTop = 0;
  let detachedTop = 0;

  const visit = (node: number, newState: number) => {
    if (visited[node]) return;
    visited[node] = 1;
    if (nodeType[node] !== native) return;
    if (newState === DOM_ATTACHED) attachedWork[attachedTop++] = node;
    else if (newState === DOM_DETACHED) {
      detached[node] = 1;
      detachedWork[detachedTop++] = node;
    }
  };
  const propagate = (node: number, newState: number) => {
    for (let edge = firstEdge[node]; edge < firstEdge[node + 1]; edge++) {
      const type = edgeType[edge];
      if (type !== hidden && type !== weak) visit(edgeTarget[edge], newState);
    }
  };

  for (let node = 0; node < nodeCount; node++) if (state[node] !== DOM_UNKNOWN) visit(node, state[node]);
  while (attachedTop > 0) propagate(attachedWork[--attachedTop], DOM_ATTACHED);
  // A node is visited once, so none on the detached list was reached as attached since.
  while (detachedTop > 0) propagate(detachedWork[--detachedTop], DOM_DETACHED);
  return detached;
}

import type { HeapGraph } from './heapGraph.js';
import { isUserRoot } from './userRoots.js';

/**
 * DevTools' shallow sizes: a hidden or array object (or external string data) that exactly one
 * other object owns is counted in its owner's size, not its own, when the snapshot has user roots.
 */
export function shallowSizes(graph: HeapGraph): Float64Array {
  const { nodeCount, firstEdge, edgeTarget, edgeType, nodeType } = graph;
  const sizes = Float64Array.from(graph.nodeSelfSize);
  if (!hasUserRoots(graph)) return sizes;
  const UNVISITED = 0xffffffff;
  const MANY = 0xfffffffe;
  const weak = graph.edgeTypes.weak;
  const externalStringData = graph.strings.indexOf('system / ExternalStringData');
  const owners = new Uint32Array(nodeCount);
  // Each node enters the work list at most twice (unvisited -> one owner -> several owners).
  const work = new Uint32Array(2 * nodeCount);
  let top = 0;
  for (let node = 0; node < nodeCount; node++) {
    const type = nodeType[node];
    const owned =
      type === graph.nodeTypes.hidden ||
      type === graph.nodeTypes.array ||
      (type === graph.nodeTypes.native && graph.nodeName[node] === externalStringData);
    if (owned) owners[node] = UNVISITED;
    else {
      owners[node] = node;
      work[top++] = node;
    }
  }
  while (top > 0) {
    const node = work[--top];
    const owner = owners[node];
    for (let edge = firstEdge[node]; edge < firstEdge[node + 1]; edge++) {
      if (edgeType[edge] === weak) continue;
      const target = edgeTarget[edge];
      const current = owners[target];
      if (current === UNVISITED) {
        owners[target] = owner;
        work[top++] = target;
      } else if (current !== target && current !== owner && current !== MANY) {
        owners[target] = MANY;
        work[top++] = target;
      }
    }
  }
  const synthetic = graph.nodeTypes.synthetic;
  for (let node = 0; node < nodeCount; node++) {
    const owner = owners[node];
    if (owner === UNVISITED || owner === MANY || owner === node) continue;
    if (nodeType[owner] === synthetic || owner === graph.rootOrdinal) continue;
    sizes[owner] += sizes[node];
    sizes[node] = 0;
  }
  return sizes;
}

function hasUserRoots(graph: HeapGraph): boolean {
  const root = graph.rootOrdinal;
  for (let edge = graph.firstEdge[root]; edge < graph.firstEdge[root + 1]; edge++) {
    if (isUserRoot(graph, graph.edgeTarget[edge])) return true;
  }
  return false;
}

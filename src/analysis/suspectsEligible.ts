import type { HeapGraph } from '../snapshot/heapGraph.js';
import { isV8InternalClass } from './internalClasses.js';

/**
 * Per node: 1 for an object a suspect may name: a program's object, not the root, a GC root
 * category, a user root (Node's `global`, a page's `Window`: every global grows with the heap) or
 * one of V8's own classes (a Context or a backing store is named by the object it serves).
 */
export function suspectEligible(graph: HeapGraph): (node: number) => boolean {
  const userRoots = new Uint8Array(graph.nodeCount);
  const root = graph.rootOrdinal;
  for (let edge = graph.firstEdge[root]; edge < graph.firstEdge[root + 1]; edge++)
    userRoots[graph.edgeTarget[edge]] = 1;
  const synthetic = graph.nodeTypes.synthetic;
  return (node) =>
    node !== root &&
    userRoots[node] === 0 &&
    graph.nodeType[node] !== synthetic &&
    !isV8InternalClass(graph.className(node));
}

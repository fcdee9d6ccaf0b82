import { findEdge } from '../analysis/findEdge.js';
import type { HeapGraph } from '../snapshot/heapGraph.js';
import { shortScriptName } from './sourceLocation.js';

/**
 * A Python module that heapdot_dump wrote as a user root (an object named as Python prints a module,
 * `<module 'server' from '/srv/server.py'>`, or `module` in the first dumps): its file's short name
 * (`server.py`) from `__file__`, else its `__name__` (`sys`); undefined for anything else. Its
 * globals then read as a module's top-level variables, `server.py: BAD_IMAGE`.
 */
export function pythonModuleName(graph: HeapGraph, node: number): string | undefined {
  if (graph.nodeType[node] !== graph.nodeTypes.object) return undefined;
  const name = graph.nodeNameOf(node);
  if (name !== 'module' && !name.startsWith("<module '")) return undefined;
  for (const name of ['__file__', '__name__']) {
    const edge = findEdge(graph, node, 'property', name);
    if (edge === -1) continue;
    const value = graph.edgeTarget[edge];
    if (graph.nodeType[value] === graph.nodeTypes.string) return shortScriptName(graph.nodeNameOf(value));
  }
  return undefined;
}

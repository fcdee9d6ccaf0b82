import { findEdge } from '../analysis/findEdge.js';
import { stringText } from '../analysis/stringText.js';
import type { HeapGraph } from '../snapshot/heapGraph.js';

/** The end of a script's name that names it: its file name, whatever the folders before it. */
const SCRIPT_NAME_MAX = 1000;

/**
 * `script:line` (1-based) of a closure or object, from the snapshot's locations. The script's
 * name is found through the closure's SharedFunctionInfo (`shared` -> `script` -> `name`), as the
 * snapshot has no table of scripts.
 */
export function sourceLocation(graph: HeapGraph, node: number): string | undefined {
  const location = graph.location(node);
  if (!location) return undefined;
  const script = scriptName(graph, node);
  return `${script ?? `script ${location.scriptId}`}:${location.line + 1}`;
}

/** The short name of the script a closure (or an object's constructor) comes from. */
export function scriptName(graph: HeapGraph, node: number): string | undefined {
  let closure = node;
  if (graph.nodeType[node] !== graph.nodeTypes.closure) {
    // An object's location is its constructor's: look through `__proto__` -> `constructor`.
    const prototype = findEdge(graph, node, 'property', '__proto__');
    const constructorEdge =
      prototype === -1 ? -1 : findEdge(graph, graph.edgeTarget[prototype], 'property', 'constructor');
    if (constructorEdge === -1) return undefined;
    closure = graph.edgeTarget[constructorEdge];
  }
  const shared = findEdge(graph, closure, 'internal', 'shared');
  if (shared === -1) return pythonFileName(graph, closure);
  const info = graph.edgeTarget[shared];
  let script = findEdge(graph, info, 'internal', 'script');
  if (script === -1) script = findEdge(graph, info, 'internal', 'script_or_debug_info');
  if (script === -1) return undefined;
  const name = findEdge(graph, graph.edgeTarget[script], 'internal', 'name');
  if (name === -1) return undefined;
  // A name built at run time (vitest's) is a concatenated string: its text is in its parts.
  const text = stringText(graph, graph.edgeTarget[name], SCRIPT_NAME_MAX, true).text;
  return text === '' ? undefined : shortScriptName(text);
}

/** A Python function's file (heapdot_dump: `__code__` -> `co_filename`), or undefined. */
function pythonFileName(graph: HeapGraph, closure: number): string | undefined {
  const code = findEdge(graph, closure, 'internal', '__code__');
  if (code === -1) return undefined;
  const file = findEdge(graph, graph.edgeTarget[code], 'internal', 'co_filename');
  if (file === -1) return undefined;
  const text = graph.nodeNameOf(graph.edgeTarget[file]);
  return text === '' ? undefined : shortScriptName(text);
}

/** `file:///home/me/app/server.js` -> `server.js`: a picture's label has no room for paths. */
export function shortScriptName(url: string): string {
  const slash = url.lastIndexOf('/');
  return slash === -1 ? url : url.slice(slash + 1);
}

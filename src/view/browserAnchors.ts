import { findEdge } from '../analysis/findEdge.js';
import type { HeapGraph } from '../snapshot/heapGraph.js';
import { NAME, type NameCodes } from './nameCodes.js';

/**
 * A page's anchors, as Chromium writes them (V8 inside Blink): no user roots, but per world a
 * `system / NativeContext / <origin>` whose `global_object` is the `Window` (its properties are
 * `window.name`; Blink's private symbol for `document` is the attached document), classic scripts'
 * top-level `let`/`const`/`class` in the script context table (a `let` behind a
 * `system / ContextCell`), and `V8EventListener`s, Blink's wrappers of `addEventListener` callbacks.
 */

/** The property of a Window through which Blink keeps its document. */
export const DOCUMENT_ACCESSOR = '<symbol Window#DocumentCachedAccessor>';

/**
 * The anchor edges a page adds, pushed with their ranks: the Window's properties of a NativeContext
 * whose global object is not already a user root (Node's `global` is one), and a listener's callback.
 */
export function pushBrowserSeeds(
  graph: HeapGraph,
  names: NameCodes,
  node: number,
  userRoots: ReadonlySet<number>,
  ranks: { global: number; listener: number },
  push: (edge: number, rank: number) => void,
): void {
  const code = names.node(node);
  if (code === NAME.nativeContext) {
    const globalEdge = namedEdge(graph, names, node, NAME.globalObject);
    if (globalEdge === -1) return;
    const global = graph.edgeTarget[globalEdge];
    if (userRoots.has(global)) return;
    const property = graph.edgeTypes.property;
    for (let edge = graph.firstEdge[global]; edge < graph.firstEdge[global + 1]; edge++) {
      if (graph.edgeType[edge] !== property) continue;
      const name = String(graph.edgeName(edge));
      // Blink's private symbols are no page's names; the document's is the attached DOM.
      if (name.startsWith('<symbol ') && name !== DOCUMENT_ACCESSOR) continue;
      push(edge, ranks.global);
    }
  } else if (code === NAME.eventListener) {
    const closure = graph.nodeTypes.closure;
    for (let edge = graph.firstEdge[node]; edge < graph.firstEdge[node + 1]; edge++) {
      if (graph.nodeType[graph.edgeTarget[edge]] !== closure) continue;
      push(edge, ranks.listener);
      return;
    }
  }
}

function namedEdge(graph: HeapGraph, names: NameCodes, node: number, code: number): number {
  for (let edge = graph.firstEdge[node]; edge < graph.firstEdge[node + 1]; edge++)
    if (names.edge(edge) === code) return edge;
  return -1;
}

/** The edge from a `system / ContextCell` to the value it holds (not its map), or -1. */
export function cellValueEdge(graph: HeapGraph, names: NameCodes, cell: number): number {
  for (let edge = graph.firstEdge[cell]; edge < graph.firstEdge[cell + 1]; edge++) {
    if (graph.edgeType[edge] === graph.edgeTypes.weak || names.edge(edge) === NAME.mapEdge) continue;
    if (graph.nodeType[graph.edgeTarget[edge]] === graph.nodeTypes.hidden) continue;
    return edge;
  }
  return -1;
}

/** The Context's `context` edge that holds a ContextCell (one scan of the edges: a cell has one). */
export function cellVariableEdge(graph: HeapGraph, cell: number): number {
  const context = graph.edgeTypes.context;
  for (let edge = 0; edge < graph.edgeCount; edge++)
    if (graph.edgeTarget[edge] === cell && graph.edgeType[edge] === context) return edge;
  return -1;
}

/** `<div class="modal">` -> `<div class=modal>`, as DevTools previews an element. */
export function elementPreview(name: string): string {
  return name.replace(/="([\w-]+)"/g, '=$1');
}

/**
 * A hop inside Blink's attached DOM: native to native, not a property, neither end detached. Blink
 * names none of these edges (`document[41][1][8]`: a vector of listed elements, a sibling, ...).
 */
export function isDomHop(graph: HeapGraph, edge: number): boolean {
  const native = graph.nodeTypes.native;
  const from = graph.edgeSource(edge);
  const to = graph.edgeTarget[edge];
  return (
    graph.nodeType[from] === native &&
    graph.nodeType[to] === native &&
    graph.edgeType[edge] !== graph.edgeTypes.property &&
    !graph.isDetached(from) &&
    !graph.isDetached(to)
  );
}

/** An element of the attached document (`<ul class="list">`), not Blink's other native objects. */
export function isAttachedElement(graph: HeapGraph, node: number): boolean {
  return (
    graph.nodeType[node] === graph.nodeTypes.native &&
    graph.nodeNameOf(node).startsWith('<') &&
    !graph.isDetached(node)
  );
}

/**
 * True when the chain's hop `index` is a DOM hop that a later one continues, in a run of DOM hops
 * that ends at an attached element: the run is one step, named by that element as DevTools
 * previews it (`document <ul class=list>.cache`), its Blink internals folded.
 */
export function foldsIntoElement(graph: HeapGraph, edges: readonly number[], index: number): boolean {
  let last = index;
  while (last < edges.length && isDomHop(graph, edges[last])) last++;
  return last - index > 1 && isAttachedElement(graph, graph.edgeTarget[edges[last - 1]]);
}

/** At most this many retainers up from a listener to its element (Blink puts four between). */
const ELEMENT_HOPS = 8;

/**
 * `<button id=save> click listener`: the element (or window, document) that a `V8EventListener`
 * serves, found up its retainers (`EventTargetData` -> vector -> `RegisteredEventListener` ->
 * `EventListener`), and the event type from the script's source (Blink keeps the type outside the
 * JavaScript heap): the `addEventListener('click', ...)` the callback is written in, or for a
 * callback defined elsewhere, the calls that pass it by name (`addEventListener('resize', onResize)`).
 */
export function listenerName(graph: HeapGraph, listener: number, callback: number): string {
  const type = eventType(graph, callback);
  return `${listenerTarget(graph, listener)} ${type === undefined ? '' : `${type} `}listener`;
}

function listenerTarget(graph: HeapGraph, listener: number): string {
  const { firstRetainer, retainerSource } = graph.retainers();
  let node = listener;
  for (let hop = 0; hop < ELEMENT_HOPS; hop++) {
    if (firstRetainer[node] === firstRetainer[node + 1]) break;
    node = retainerSource[firstRetainer[node]];
    const name = graph.nodeNameOf(node);
    if (name.startsWith('<')) return elementPreview(name);
    if (name === 'HTMLDocument' || name === 'Document') return 'document';
    if (name.startsWith('Window')) return 'window';
  }
  return 'an event target';
}

// V8 places a function expression at its parameters: `function closeOnEscape` comes before them.
const ADD_LISTENER =
  /addEventListener\(\s*(['"`])([\w:-]+)\1\s*,\s*(?:async\s+)?(?:function\s*\*?\s*[\w$]*\s*)?$/;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function eventType(graph: HeapGraph, callback: number): string | undefined {
  const location = graph.location(callback);
  if (location === undefined) return undefined;
  const shared = findEdge(graph, callback, 'internal', 'shared');
  if (shared === -1) return undefined;
  const info = graph.edgeTarget[shared];
  const script = findEdge(graph, info, 'internal', 'script');
  if (script === -1) return undefined;
  const source = findEdge(graph, graph.edgeTarget[script], 'internal', 'source');
  if (source === -1) return undefined;
  const text = graph.nodeNameOf(graph.edgeTarget[source]);
  // An inline script's lines are counted from the page's first, its source from the script's: the
  // column alone places the callback; a type is named only when every line that fits agrees.
  const types = new Set<string>();
  for (const line of text.split('\n')) {
    const type = ADD_LISTENER.exec(line.slice(0, location.column))?.[2];
    if (type !== undefined) types.add(type);
  }
  if (types.size === 0) {
    // Defined elsewhere: the calls in its script that pass it by name (`this.onResize` too).
    const name = graph.nodeNameOf(callback);
    if (IDENTIFIER.test(name)) {
      const byName = new RegExp(
        `addEventListener\\(\\s*(['"\`])([\\w:-]+)\\1\\s*,\\s*(?:[\\w$]+\\.)*${name.replaceAll('$', '\\$')}\\s*[,)]`,
        'g',
      );
      for (const match of text.matchAll(byName)) types.add(match[2]);
    }
  }
  return types.size === 1 ? [...types][0] : undefined;
}

const PAGE_SCOPES = new WeakMap<HeapGraph, Uint8Array | null>();

/**
 * In a page's snapshot, the Contexts that are the top level of a script: the classic scripts' (in a
 * NativeContext's script context table) and the ES modules' (the context of what a
 * `system / SourceTextModule` holds). Undefined for other snapshots. In Node a Context whose
 * `previous` is the NativeContext is a module's scope (CommonJS wraps every module in a function);
 * in a page it is as often the scope of a function the script calls, which names no variable of
 * the script.
 */
export function pageScopes(graph: HeapGraph, names: NameCodes): Uint8Array | undefined {
  let scopes = PAGE_SCOPES.get(graph);
  if (scopes === undefined) {
    scopes = findPageScopes(graph, names);
    PAGE_SCOPES.set(graph, scopes);
  }
  return scopes ?? undefined;
}

function findPageScopes(graph: HeapGraph, names: NameCodes): Uint8Array | null {
  const { nodeCount, firstEdge, edgeTarget } = graph;
  const scopes = new Uint8Array(nodeCount);
  let page = false;
  const mark = (node: number) => {
    if (names.node(node) === NAME.context) scopes[node] = 1;
  };
  for (let node = 0; node < nodeCount; node++) {
    const name = graph.nodeNameOf(node);
    // A page's NativeContext names its document's URL; Node's may carry the suffix with no URL
    // (seen under vitest), and is no page.
    if (name.startsWith('system / NativeContext / ') && name.length > 'system / NativeContext / '.length) {
      page = true;
      const table = findEdge(graph, node, 'internal', 'script_context_table');
      if (table === -1) continue;
      const list = edgeTarget[table];
      for (let edge = firstEdge[list]; edge < firstEdge[list + 1]; edge++) mark(edgeTarget[edge]);
    } else if (name === 'system / SourceTextModule') {
      for (let edge = firstEdge[node]; edge < firstEdge[node + 1]; edge++) {
        const held = edgeTarget[edge];
        for (let inner = firstEdge[held]; inner < firstEdge[held + 1]; inner++)
          if (names.edge(inner) === NAME.contextEdge) mark(edgeTarget[inner]);
      }
    }
  }
  return page ? scopes : null;
}

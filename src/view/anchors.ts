import { findEdge } from '../analysis/findEdge.js';
import type { HeapGraph } from '../snapshot/heapGraph.js';
import { isUserRoot } from '../snapshot/userRoots.js';
import { cellValueEdge, pageScopes, pushBrowserSeeds } from './browserAnchors.js';
import { NAME, type NameCodes } from './nameCodes.js';
import type { AnchorKind } from './types.js';

/** Anchor kinds as ranks (1-based, so 0 can mean "not an anchor" in a Uint8Array). */
export const RANK: Record<AnchorKind, number> = {
  module: 1,
  global: 2,
  timer: 3,
  promise: 4,
  native: 5,
  listener: 6,
  console: 7,
};

/** The edges whose targets start the search: one per anchor, each with its kind's rank. */
export interface Seeds {
  edges: Uint32Array;
  ranks: Uint8Array;
}

/**
 * Every anchor of a snapshot, found in one pass over the nodes (how each is recognised is in the
 * README's table):
 * - module: the `context` edges of a Context whose `previous` is the NativeContext: an ES module's
 *   scope, a CommonJS module's wrapper function scope (jest's too), a classic script's top level;
 *   and the slots of such a Context that is a block's, named by its ScopeInfo (moduleVariable):
 *   vitest runs a module's code in a block of a function of its own;
 * - global: the property edges of a user root (Node's `global`, a page's `Window`), and what
 *   `(Document DOM trees)` holds (the attached DOM);
 * - timer: the `_onTimeout` / `_onImmediate` callback of a Timeout that is still in a timer list
 *   (`_idleNext` is an object, not null) or of an Immediate;
 * - promise: a pending Promise that callbacks wait on (its `reactions_or_result` is a
 *   `system / PromiseReaction`, not a result), entered by its first strong retaining edge: what
 *   `then` callbacks and `await`s capture stays alive while it is pending, whoever holds it.
 * Seeds are ordered by rank, then the anchor object's id, then the edge, so ties go that way. Not
 * by DevTools' distance: `chain` may stop its distance search early, and the user chain must be the
 * same either way.
 */
export function firstSeeds(graph: HeapGraph, names: NameCodes): Seeds {
  const edges: number[] = [];
  const { firstEdge, edgeTarget, edgeType, nodeType, nodeCount } = graph;
  const contextType = graph.edgeTypes.context;
  const propertyType = graph.edgeTypes.property;
  const objectType = graph.nodeTypes.object;
  const ranks: number[] = [];
  const push = (edge: number, rank: number) => {
    edges.push(edge);
    ranks.push(rank);
  };
  const root = graph.rootOrdinal;
  const userRoots = new Set<number>();
  for (let rootEdge = firstEdge[root]; rootEdge < firstEdge[root + 1]; rootEdge++)
    if (isUserRoot(graph, edgeTarget[rootEdge])) userRoots.add(edgeTarget[rootEdge]);
  const contextCell = NAME.contextCell;
  for (let node = 0; node < nodeCount; node++) {
    // A page's NativeContext and listeners are native nodes in Chromium's snapshots.
    if (nodeType[node] === graph.nodeTypes.native) {
      pushBrowserSeeds(graph, names, node, userRoots, RANK, push);
      continue;
    }
    if (nodeType[node] !== objectType) continue;
    const code = names.node(node);
    if (code === NAME.context && isModuleContext(graph, names, node)) {
      const slotNames = blockSlotNames(graph, node);
      for (let edge = firstEdge[node]; edge < firstEdge[node + 1]; edge++) {
        if (edgeType[edge] !== contextType && slotName(graph, slotNames, edge) === undefined) continue;
        // A page script's `let` lives in a cell: the variable is the cell's value.
        const cell = edgeTarget[edge];
        const value = names.node(cell) === contextCell ? cellValueEdge(graph, names, cell) : edge;
        if (value !== -1) push(value, RANK.module);
      }
    } else if (code === NAME.timeout || code === NAME.immediate) {
      const callback = timerCallback(graph, names, node);
      if (callback !== -1) {
        edges.push(callback);
        ranks.push(RANK.timer);
      }
    }
  }
  for (let rootEdge = firstEdge[root]; rootEdge < firstEdge[root + 1]; rootEdge++) {
    const userRoot = edgeTarget[rootEdge];
    if (!isUserRoot(graph, userRoot)) continue;
    const dom = nodeType[userRoot] === graph.nodeTypes.synthetic;
    for (let edge = firstEdge[userRoot]; edge < firstEdge[userRoot + 1]; edge++) {
      if (!dom && edgeType[edge] !== propertyType) continue;
      if (dom && edgeType[edge] === graph.edgeTypes.weak) continue;
      edges.push(edge);
      ranks.push(RANK.global);
    }
  }
  return ordered(graph, edges, ranks);
}

/**
 * Pending promises (`reactions_or_result` is a `system / PromiseReaction`, not a result), each
 * entered by its first strong retaining edge: what `then` callbacks capture stays alive while the
 * promise is pending, whoever holds it. A second pass, after the anchors above: a promise that a
 * module variable or a global names is better named by it.
 */
export function promiseSeeds(graph: HeapGraph, names: NameCodes): Seeds {
  const { nodeCount, edgeTarget, edgeType } = graph;
  const pending = new Uint8Array(nodeCount);
  let pendingCount = 0;
  const objectType = graph.nodeTypes.object;
  for (let node = 0; node < nodeCount; node++) {
    if (graph.nodeType[node] !== objectType || names.node(node) !== NAME.promise) continue;
    if (hasReactions(graph, names, node)) {
      pending[node] = 1;
      pendingCount++;
    }
  }
  const edges: number[] = [];
  const weak = graph.edgeTypes.weak;
  for (let edge = 0; edge < graph.edgeCount && pendingCount > 0; edge++) {
    const promise = edgeTarget[edge];
    if (pending[promise] !== 1 || edgeType[edge] === weak) continue;
    pending[promise] = 2;
    pendingCount--;
    edges.push(edge);
  }
  return ordered(graph, edges, new Array<number>(edges.length).fill(RANK.promise));
}

/**
 * The last resort: what each GC root category (`(Stack roots)`, `(Global handles)`, ...) holds. The
 * DevTools console's global handles (`88 / DevTools console`: `$_`, evaluated results, logged
 * objects) are anchors of their own, so a chain says the console, not the page, keeps the object.
 */
export function lastResortSeeds(graph: HeapGraph): Seeds {
  const edges: number[] = [];
  const ranks: number[] = [];
  const { firstEdge, edgeTarget, edgeType, nodeType } = graph;
  const synthetic = graph.nodeTypes.synthetic;
  const root = graph.rootOrdinal;
  for (let rootEdge = firstEdge[root]; rootEdge < firstEdge[root + 1]; rootEdge++) {
    const gcRoots = edgeTarget[rootEdge];
    if (nodeType[gcRoots] !== synthetic || isUserRoot(graph, gcRoots)) continue;
    for (let categoryEdge = firstEdge[gcRoots]; categoryEdge < firstEdge[gcRoots + 1]; categoryEdge++) {
      const category = edgeTarget[categoryEdge];
      if (nodeType[category] !== synthetic) continue;
      for (let edge = firstEdge[category]; edge < firstEdge[category + 1]; edge++) {
        if (edgeType[edge] === graph.edgeTypes.weak || nodeType[edgeTarget[edge]] === synthetic) continue;
        edges.push(edge);
        ranks.push(isConsoleHandle(graph, edge) ? RANK.console : RANK.native);
      }
    }
  }
  return ordered(graph, edges, ranks);
}

/** A global handle of the DevTools console: Chromium names its edge `<n> / DevTools console`. */
export function isConsoleHandle(graph: HeapGraph, edge: number): boolean {
  const name = graph.edgeName(edge);
  return typeof name === 'string' && name.endsWith(' / DevTools console');
}

function ordered(graph: HeapGraph, edges: number[], ranks: number[]): Seeds {
  const order = Array.from(edges.keys());
  const target = (i: number) => graph.edgeTarget[edges[i]];
  order.sort(
    (a, b) => ranks[a] - ranks[b] || graph.nodeId[target(a)] - graph.nodeId[target(b)] || edges[a] - edges[b],
  );
  return {
    edges: Uint32Array.from(order, (i) => edges[i]),
    ranks: Uint8Array.from(order, (i) => ranks[i]),
  };
}

/** A Context whose `previous` is the NativeContext: the outermost scope of a module or script. */
export function isModuleContext(graph: HeapGraph, names: NameCodes, context: number): boolean {
  const scopes = pageScopes(graph, names);
  if (scopes !== undefined) return scopes[context] === 1;
  for (let edge = graph.firstEdge[context]; edge < graph.firstEdge[context + 1]; edge++) {
    if (names.edge(edge) === NAME.previous) return names.node(graph.edgeTarget[edge]) === NAME.nativeContext;
  }
  return false;
}

/**
 * The variable a module scope's edge holds: a `context` edge's name, or the name of a block scope's
 * slot (see blockSlotNames); undefined for any other edge.
 */
export function moduleVariable(graph: HeapGraph, edge: number): string | undefined {
  if (graph.edgeType[edge] === graph.edgeTypes.context) return String(graph.edgeName(edge));
  return slotName(graph, blockSlotNames(graph, graph.edgeSource(edge)), edge);
}

function slotName(graph: HeapGraph, slotNames: string[] | undefined, edge: number): string | undefined {
  if (slotNames === undefined || graph.edgeType[edge] !== graph.edgeTypes.hidden) return undefined;
  return slotNames[Number(graph.edgeName(edge))];
}

/**
 * The variables of a block scope's Context, by slot, when the snapshot tells them for sure.
 * vitest runs a module's code in a block of a function of its own, so its top-level variables are
 * a block's, whose slots V8 writes as hidden edges numbered among the slots that hold objects (a
 * small integer's slot has none) and names none of them. Its ScopeInfo lists the names, the same
 * way: hidden edges to strings, in slot order. They match only when every slot holds an object:
 * as many slot numbers as names, the last one written. Otherwise (a counter among the variables),
 * which name goes with which slot is unknown, and undefined says so.
 */
function blockSlotNames(graph: HeapGraph, context: number): string[] | undefined {
  const { firstEdge, edgeTarget, edgeType } = graph;
  const hidden = graph.edgeTypes.hidden;
  let slots = 0;
  for (let edge = firstEdge[context]; edge < firstEdge[context + 1]; edge++) {
    // A Context whose variables V8 named is a function's or a module's: nothing to guess.
    if (edgeType[edge] === graph.edgeTypes.context) return undefined;
    if (edgeType[edge] === hidden) slots = Math.max(slots, Number(graph.edgeName(edge)) + 1);
  }
  const scopeInfo = slots === 0 ? -1 : findEdge(graph, context, 'internal', 'scope_info');
  if (scopeInfo === -1) return undefined;
  const info = edgeTarget[scopeInfo];
  const names: string[] = [];
  for (let edge = firstEdge[info]; edge < firstEdge[info + 1]; edge++) {
    if (edgeType[edge] !== hidden) continue;
    const name = edgeTarget[edge];
    if (graph.nodeType[name] !== graph.nodeTypes.string || Number(graph.edgeName(edge)) !== names.length)
      break;
    names.push(graph.nodeNameOf(name));
  }
  return names.length === slots ? names : undefined;
}

/** A Promise whose `reactions_or_result` is a reaction: pending, with callbacks waiting on it. */
function hasReactions(graph: HeapGraph, names: NameCodes, promise: number): boolean {
  for (let edge = graph.firstEdge[promise]; edge < graph.firstEdge[promise + 1]; edge++) {
    if (names.edge(edge) === NAME.reactions)
      return names.node(graph.edgeTarget[edge]) === NAME.promiseReaction;
  }
  return false;
}

/** The callback edge of an active Timeout (still linked in a timer list) or an Immediate, or -1. */
export function timerCallback(graph: HeapGraph, names: NameCodes, timer: number): number {
  let callback = -1;
  let linked = names.node(timer) === NAME.immediate;
  for (let edge = graph.firstEdge[timer]; edge < graph.firstEdge[timer + 1]; edge++) {
    const name = names.edge(edge);
    if (name === NAME.onTimeout || name === NAME.onImmediate) {
      if (graph.nodeType[graph.edgeTarget[edge]] === graph.nodeTypes.closure) callback = edge;
    } else if (name === NAME.idleNext) {
      linked = graph.nodeType[graph.edgeTarget[edge]] === graph.nodeTypes.object;
    }
  }
  return linked ? callback : -1;
}

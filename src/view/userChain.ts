import type { Dominators } from '../analysis/dominatorTypes.js';
import { tableSlot } from '../analysis/tableLayout.js';
import type { HeapGraph } from '../snapshot/heapGraph.js';
import { moduleVariable, RANK } from './anchors.js';
import {
  cellVariableEdge,
  DOCUMENT_ACCESSOR,
  elementPreview,
  foldsIntoElement,
  isAttachedElement,
  isDomHop,
  listenerName,
} from './browserAnchors.js';
import { FOLD, Hops } from './hops.js';
import { NAME } from './nameCodes.js';
import { nodeView } from './nodeView.js';
import { reactionHandler } from './promiseHandlers.js';
import { pythonModuleName } from './pythonModules.js';
import { scriptName, sourceLocation } from './sourceLocation.js';
import type { AnchorKind, UserAnchor, UserChain, UserStep } from './types.js';
import { isModuleScope } from './userLinks.js';
import {
  EVERY_NODE,
  LAST_RESORT,
  RANK_MASK,
  SETTLED,
  searchUserChain,
  type UserSearch,
} from './userSearch.js';
import { valuePreview } from './valuePreview.js';

export const KIND_OF_RANK: AnchorKind[] = [];
for (const [kind, rank] of Object.entries(RANK)) KIND_OF_RANK[rank] = kind as AnchorKind;

/** The user view's search of one snapshot, and the rules it followed: one per command. */
export interface UserView {
  hops: Hops;
  search: UserSearch;
}

export interface UserViewOptions {
  /** Search until this node is settled. @default every node an anchor reaches */
  target?: number;
  /** Per node: 1 for a retainer to leave out (--avoid, --ignore). @default none */
  excluded?: Uint8Array;
}

/** Searches the user view (see searchUserChain): for one target, or for every chain at once. */
export function userView(graph: HeapGraph, options: UserViewOptions = {}): UserView {
  const hops = new Hops(graph, options.excluded);
  return { hops, search: searchUserChain(graph, hops, options.target ?? EVERY_NODE) };
}

/**
 * True when an anchor other than the last resort (the stack, native handles) reaches the node: the
 * match `--pick nearest` prefers (near the heap limit, what the stack holds is the object under
 * construction, never the one a user is after).
 */
export function anchoredReach(view: UserView, node: number): boolean {
  const state = view.search.state[node];
  return (state & SETTLED) !== 0 && (state & LAST_RESORT) === 0;
}

/**
 * The user chain to `target` (DESIGN.md, "The user view"), or undefined when no anchor reaches it.
 * The search settles the target (or `searched`, one search of every node, is given); labels are made
 * only for the chain's own edges.
 */
export function userChain(
  graph: HeapGraph,
  target: number,
  dominators?: Dominators,
  searched: UserView = userView(graph, { target }),
): UserChain | undefined {
  const { hops, search } = searched;
  if ((search.state[target] & SETTLED) === 0) return undefined;
  const edges: number[] = [];
  let node = target;
  while ((search.state[node] & RANK_MASK) === 0) {
    const edge = search.parentEdge[node];
    edges.push(edge);
    node = graph.edgeSource(edge);
  }
  edges.reverse();
  const anchorEdge = search.parentEdge[node];
  const kind = KIND_OF_RANK[search.state[node] & RANK_MASK];
  // No distances on the user chain's nodes: `chain` may stop its distance search at the target's
  // level, and these nodes can lie beyond it; the output must not depend on where it stopped.
  const view = (ordinal: number) => nodeView(graph, ordinal, undefined, dominators);
  const anchor: UserAnchor = {
    kind,
    name: anchorName(graph, hops, kind, anchorEdge),
    node: view(node),
    holderId: graph.nodeId[graph.edgeSource(anchorEdge)],
    edge: anchorEdge,
  };
  const steps: UserStep[] = [];
  let folded: number[] = [];
  for (const [index, edge] of edges.entries()) {
    const to = graph.edgeTarget[edge];
    const rawEdges = [...folded, edge];
    const folds = hops.cost(graph.edgeSource(edge), edge) === FOLD || foldsIntoElement(graph, edges, index);
    if (folds && to !== target) {
      folded = rawEdges;
      continue;
    }
    const label = stepLabel(graph, hops, rawEdges);
    steps.push({
      ...label,
      node: view(to),
      rawNodes: rawEdges.slice(0, -1).map((raw) => graph.nodeId[graph.edgeTarget[raw]]),
      rawEdges,
    });
    folded = [];
  }
  const accessPath = anchor.name + steps.map((step) => step.path).join('');
  const foldedCount = steps.reduce((sum, step) => sum + step.rawNodes.length, 0);
  return { anchor, steps, accessPath, foldedCount };
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const PREVIEW_MAX = 40;

function propertyLabel(name: string): string {
  return IDENTIFIER.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

function attached(label: string): Pick<UserStep, 'label' | 'path' | 'raw'> {
  return { label, path: label, raw: false };
}

function words(label: string): Pick<UserStep, 'label' | 'path' | 'raw'> {
  return { label, path: ` ${label}`, raw: false };
}

/** The label of a step from its raw edges: the last one says what it is, the folded ones how. */
export function stepLabel(
  graph: HeapGraph,
  hops: Hops,
  rawEdges: number[],
): Pick<UserStep, 'label' | 'path' | 'raw'> {
  const last = rawEdges[rawEdges.length - 1];
  const holder = graph.edgeSource(last);
  const names = hops.names;
  const via = rawEdges.length > 1 ? names.edge(rawEdges[rawEdges.length - 2]) : NAME.other;
  const name = graph.edgeName(last);
  const types = graph.edgeTypes;
  const type = graph.edgeType[last];
  // Blink's unnamed edges into the attached DOM: the step is the element reached.
  if (isDomHop(graph, last) && isAttachedElement(graph, graph.edgeTarget[last]))
    return words(elementPreview(graph.nodeNameOf(graph.edgeTarget[last])));
  if (via === NAME.tableEdge) {
    const collection = names.node(graph.edgeSource(rawEdges[rawEdges.length - 2]));
    const value = graph.edgeTarget[last];
    if (collection === NAME.set || collection === NAME.weakSet) return words(`has(${keyText(graph, value)})`);
    if (collection === NAME.weakMap) {
      const keyId = /part of key \(.*? @(\d+)\)/.exec(String(name))?.[1];
      const key = keyId === undefined ? -1 : graph.ordinalOfId(Number(keyId));
      return attached(`.get(${key === -1 ? '<key>' : keyText(graph, key)})`);
    }
    const slot = tableSlot(graph, holder, Number.parseInt(String(name), 10));
    if (slot.kind === 'key') return words('key of');
    if (slot.kind === 'value') {
      const key = keyEdge(graph, holder, last, slot.keyIndex);
      return attached(`.get(${key === -1 ? '<integer>' : keyText(graph, graph.edgeTarget[key])})`);
    }
  }
  if (via === NAME.elements && /^\d+$/.test(String(name))) return attached(`[${name}]`);
  if (type === types.context) return words(`captures ${name}`);
  // A page script's `let` (newer V8): the Context's edge names the variable, the cell holds it.
  if (via === NAME.contextEdge && names.node(holder) === NAME.contextCell)
    return words(`captures ${graph.edgeName(rawEdges[rawEdges.length - 2])}`);
  // A variable of a module that runs in a block (vitest's), drawn from the module's box.
  const variable =
    type === types.hidden && isModuleScope(graph, hops, holder) ? moduleVariable(graph, last) : undefined;
  if (variable !== undefined) return words(`captures ${variable}`);
  if (type === types.element) return attached(`[${name}]`);
  if (via === NAME.registers) return words(`local #${name}`);
  // Only a picture's arrow ends at a module's scope (drawn as the module); no chain step does.
  if (isModuleScope(graph, hops, graph.edgeTarget[last])) return words('module scope');
  const edgeName = names.edge(last);
  const handler = graph.edgeTarget[last];
  if (
    edgeName === NAME.fulfillHandler ||
    edgeName === NAME.rejectHandler ||
    (names.node(holder) === NAME.promiseReaction && graph.nodeType[handler] === graph.nodeTypes.closure)
  )
    return words(handlerLabel(graph, hops, last));
  if (edgeName === NAME.extension) {
    const suspended = awaitLabel(graph, hops, handler);
    if (suspended !== undefined) return words(suspended);
  }
  if (edgeName === NAME.boundThis) return words('bound this');
  if (edgeName === NAME.boundFunction) return words('bound target');
  const bound = /^bound_argument_(\d+)$/.exec(String(name));
  if (bound) return words(`bound arguments[${bound[1]}]`);
  if (type === types.property) return attached(propertyLabel(String(name)));
  const raw = `<${name} (${graph.edgeTypeName(last)})>`;
  return { label: raw, path: ` ${raw}`, raw: true };
}

/**
 * A reaction's handler as the call that registered it: `then(onOk)`; a reject handler alone is
 * `catch(onFailed)` (what `then(undefined, onFailed)` means, and how people write it), one beside
 * a fulfil handler `then(…, onFailed)`, the second argument of the `then` that holds it.
 */
function handlerLabel(graph: HeapGraph, hops: Hops, edge: number): string {
  const callback = graph.nodeNameOf(graph.edgeTarget[edge]) || '(anonymous)';
  const { kind, paired } = reactionHandler(graph, hops.names, edge);
  if (kind === 'fulfill') return `then(${callback})`;
  return paired ? `then(…, ${callback})` : `catch(${callback})`;
}

/**
 * `await in fetchUser() server.mjs:12`: the suspended call an await's continuation resumes (the
 * `extension` of the continuation's Context), named by its function; undefined for any other
 * `extension` (a `with` object, a module's).
 */
function awaitLabel(graph: HeapGraph, hops: Hops, suspended: number): string | undefined {
  for (let edge = graph.firstEdge[suspended]; edge < graph.firstEdge[suspended + 1]; edge++) {
    if (hops.names.edge(edge) !== NAME.functionEdge) continue;
    const fn = graph.edgeTarget[edge];
    if (graph.nodeType[fn] !== graph.nodeTypes.closure) return undefined;
    const where = sourceLocation(graph, fn);
    return `await in ${graph.nodeNameOf(fn) || '(anonymous)'}()${where === undefined ? '' : ` ${where}`}`;
  }
  return undefined;
}

/**
 * The edge of a Map table's key slot `keyIndex`, next to the value's edge `valueEdge`, or -1 when
 * the key is a small integer (the snapshot leaves those out). V8 writes a table's slots in order,
 * so the key's edge is the one before the value's; a scan of the table is the fallback.
 */
function keyEdge(graph: HeapGraph, table: number, valueEdge: number, keyIndex: number): number {
  const before = valueEdge - 1;
  if (before >= graph.firstEdge[table]) {
    const name = String(graph.edgeName(before));
    if (name === String(keyIndex)) return before;
    const slot = Number.parseInt(name, 10);
    if (Number.isInteger(slot) && slot < keyIndex) return -1;
  }
  return edgeNamed(graph, table, String(keyIndex));
}

/** The edge of `node` whose (string) name is `name`, or -1. */
function edgeNamed(graph: HeapGraph, node: number, name: string): number {
  for (let edge = graph.firstEdge[node]; edge < graph.firstEdge[node + 1]; edge++) {
    if (String(graph.edgeName(edge)) === name) return edge;
  }
  return -1;
}

/** A Map key or Set member as code when it can be: `"text"`, `42`, else `<Class @id>`. */
function keyText(graph: HeapGraph, node: number): string {
  const type = graph.nodeTypeName(node);
  if (type === 'string' || type === 'concatenated string' || type === 'sliced string') {
    const text = graph.nodeNameOf(node);
    return JSON.stringify(text.length > PREVIEW_MAX ? `${text.slice(0, PREVIEW_MAX)}…` : text);
  }
  if (type === 'number') {
    const value = graph.nodeNameOf(node);
    if (value !== '' && Number.isFinite(Number(value))) return value;
    return `<number @${graph.nodeId[node]}>`;
  }
  if (type === 'symbol') {
    const description = edgeNamed(graph, node, 'name');
    const text = description === -1 ? '' : graph.nodeNameOf(graph.edgeTarget[description]);
    return `<Symbol(${text}) @${graph.nodeId[node]}>`;
  }
  const preview = valuePreview(graph, node);
  const className = graph.className(node);
  return `<${className}${preview && preview !== className ? ` ${preview}` : ''} @${graph.nodeId[node]}>`;
}

export function anchorName(graph: HeapGraph, hops: Hops, kind: AnchorKind, edge: number): string {
  const holder = graph.edgeSource(edge);
  const held = graph.edgeTarget[edge];
  const name = String(graph.edgeName(edge));
  switch (kind) {
    case 'module': {
      if (hops.names.node(holder) !== NAME.contextCell)
        return `${moduleName(graph, hops, holder)}: ${moduleVariable(graph, edge) ?? name}`;
      const variable = cellVariableEdge(graph, holder);
      if (variable === -1) return `module @${graph.nodeId[holder]}`;
      return `${moduleName(graph, hops, graph.edgeSource(variable))}: ${graph.edgeName(variable)}`;
    }
    case 'listener':
      return listenerName(graph, holder, held);
    case 'global': {
      if (graph.nodeType[holder] === graph.nodeTypes.synthetic) return `document <${graph.className(held)}>`;
      if (name === DOCUMENT_ACCESSOR) return 'document';
      const pythonModule = pythonModuleName(graph, holder);
      if (pythonModule !== undefined) return `${pythonModule}: ${name}`;
      const global = graph.nodeNameOf(holder).startsWith('Window') ? 'window' : 'globalThis';
      return global + propertyLabel(name);
    }
    case 'timer':
      return timerName(graph, hops, holder, held);
    case 'promise':
      return `pending Promise @${graph.nodeId[held]}`;
    case 'console':
      return 'held by the DevTools console';
    case 'native': {
      const category = graph.nodeNameOf(holder);
      return category === '(Stack roots)' || category === '(Handle scope)'
        ? `on the stack ${category}`
        : `held from native code ${category}`;
    }
  }
}

/** The script of a module's scope: that of a closure (or generator) whose context it is. */
export function moduleName(graph: HeapGraph, hops: Hops, context: number): string {
  let name = hops.moduleNames.get(context);
  if (name === undefined) {
    name = scanModuleName(graph, hops, context);
    hops.moduleNames.set(context, name);
  }
  return name;
}

/**
 * The script of the first closure, in snapshot order, whose `context` is `context` and that has
 * one. One scan per scope, stopping at the first: `paths` and `leaks` name a scope many times,
 * and Hops remembers each name.
 */
function scanModuleName(graph: HeapGraph, hops: Hops, context: number): string {
  const { edgeTarget, nodeCount, firstEdge, nodeType } = graph;
  const closure = graph.nodeTypes.closure;
  for (let node = 0; node < nodeCount; node++) {
    if (nodeType[node] !== closure) continue;
    for (let edge = firstEdge[node]; edge < firstEdge[node + 1]; edge++) {
      if (edgeTarget[edge] !== context || hops.names.edge(edge) !== NAME.contextEdge) continue;
      const script = scriptName(graph, node);
      if (script !== undefined) return script;
    }
  }
  return `module @${graph.nodeId[context]}`;
}

/** `setInterval(pollChannel, 60000)`: the delay is the key of the timer list the Timeout is in. */
export function timerName(graph: HeapGraph, hops: Hops, timer: number, callback: number): string {
  const callbackName = graph.nodeNameOf(callback) || '(anonymous)';
  if (hops.names.node(timer) === NAME.immediate) return `setImmediate(${callbackName})`;
  let repeats = true;
  for (let edge = graph.firstEdge[timer]; edge < graph.firstEdge[timer + 1]; edge++) {
    // `_repeat` is a small integer for an interval, which the snapshot leaves out, and null otherwise.
    if (hops.names.edge(edge) === NAME.repeat) repeats = false;
  }
  const delay = timerDelay(graph, hops, timer);
  return `${repeats ? 'setInterval' : 'setTimeout'}(${callbackName}${delay === undefined ? '' : `, ${delay}`})`;
}

function timerDelay(graph: HeapGraph, hops: Hops, timer: number): number | undefined {
  let list = timer;
  for (let hop = 0; hop < 100_000 && graph.nodeNameOf(list) !== 'TimersList'; hop++) {
    let next = -1;
    for (let edge = graph.firstEdge[list]; edge < graph.firstEdge[list + 1]; edge++) {
      if (hops.names.edge(edge) === NAME.idleNext) next = graph.edgeTarget[edge];
    }
    if (next === -1 || next === timer) return undefined;
    list = next;
  }
  const element = graph.edgeTypes.element;
  for (let edge = 0; edge < graph.edgeCount; edge++) {
    if (graph.edgeTarget[edge] === list && graph.edgeType[edge] === element)
      return graph.edgeNameOrIndex[edge];
  }
  return undefined;
}

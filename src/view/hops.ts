import { WeakMapEdgeNames } from '../analysis/weakMapEdges.js';
import type { HeapGraph } from '../snapshot/heapGraph.js';
import { NAME, NameCodes } from './nameCodes.js';

/** A hop the folding rules allow into an internal node: no user-level step. */
export const FOLD = 0;
/** A hop onto a user-visible node: one user-level step. */
export const STEP = 1;
/** A hop into an internal node no rule covers: a visible raw step, dearer than a user step. */
export const RAW = 2;
/** A hop the user view never takes (weak, maps/shapes, the key side of a WeakMap entry). */
export const SKIP = -1;

const USER_CLOSURE = 1;
const AWAIT_CLOSURE = 2;

/**
 * The user view's rules for one edge, decided from type codes and cached name codes only (no
 * string per edge). A node is user-visible unless it is one of V8's own: `(system)`, code,
 * shapes, backing stores (`(array)`), synthetic roots, and `system / *` objects.
 */
export class Hops {
  readonly graph: HeapGraph;
  readonly names: NameCodes;
  readonly #weakMaps: WeakMapEdgeNames;
  readonly #internalTypes: Uint8Array;
  /** Per node: 1 for a retainer the user asked to leave out (--avoid, --ignore); never entered. */
  readonly excluded: Uint8Array | undefined;
  /** Per Context (ordinal): its script's name, from one scan of the closures on first use. */
  readonly moduleNames = new Map<number, string>();
  /** Per anonymous closure, once asked: AWAIT_CLOSURE or USER_CLOSURE (0: not yet known). */
  #closureKinds: Uint8Array | undefined;

  constructor(graph: HeapGraph, excluded?: Uint8Array) {
    this.graph = graph;
    this.excluded = excluded;
    this.names = new NameCodes(graph);
    this.#weakMaps = new WeakMapEdgeNames(graph);
    const types = graph.header.nodeTypes;
    this.#internalTypes = new Uint8Array(Math.max(types.length, 1));
    for (const name of ['hidden', 'array', 'code', 'synthetic', 'object shape']) {
      const code = types.indexOf(name);
      if (code !== -1) this.#internalTypes[code] = 1;
    }
  }

  isVisible(node: number): boolean {
    if (this.#internalTypes[this.graph.nodeType[node]] === 1) return false;
    const code = this.names.node(node);
    if (code === NAME.empty) return !this.#isAwaitClosure(node);
    return (
      code !== NAME.system &&
      code !== NAME.context &&
      code !== NAME.nativeContext &&
      code !== NAME.promiseReaction
    );
  }

  /** The cost of the hop from `from` along `edge` (to `edgeTarget[edge]`): FOLD, STEP, RAW or SKIP. */
  cost(from: number, edge: number): number {
    const graph = this.graph;
    const type = graph.edgeType[edge];
    const types = graph.edgeTypes;
    if (type === types.weak) return SKIP;
    const to = graph.edgeTarget[edge];
    if (this.excluded !== undefined && this.excluded[to] === 1) return SKIP;
    const names = this.names;
    const edgeName = names.edge(edge);
    const toCode = names.node(to);
    if ((edgeName === NAME.mapEdge && type === types.internal) || toCode === NAME.nativeContext) return SKIP;
    if (graph.nodeType[to] === graph.nodeTypes.synthetic) return SKIP;
    if (type === types.internal && edgeName === NAME.other) {
      // The key's half of a WeakMap entry: the value is read through the WeakMap's table.
      const tableId = this.#weakMaps.tableId(graph.edgeNameOrIndex[edge]);
      if (tableId !== undefined && tableId !== graph.nodeId[from]) return SKIP;
    }
    // Of an await's continuation only its Context leads on: the rest is the builtin's, not the user's.
    if (edgeName !== NAME.contextEdge && names.node(from) === NAME.empty && this.#isAwaitClosure(from))
      return SKIP;
    if (this.#folds(from, edgeName, to, toCode)) return FOLD;
    return this.isVisible(to) ? STEP : RAW;
  }

  /**
   * An `await`'s continuation: the anonymous closure a pending promise's reaction calls to resume
   * an async function, its code a builtin (`AsyncFunctionAwaitResolveClosure`, ...) and its
   * Context's `extension` the suspended call. Internal: the step it stands for is `await in f()`.
   */
  #isAwaitClosure(node: number): boolean {
    const graph = this.graph;
    if (graph.nodeType[node] !== graph.nodeTypes.closure) return false;
    this.#closureKinds ??= new Uint8Array(graph.nodeCount);
    if (this.#closureKinds[node] === 0) {
      let kind = USER_CLOSURE;
      for (let edge = graph.firstEdge[node]; edge < graph.firstEdge[node + 1]; edge++) {
        if (
          this.names.edge(edge) === NAME.codeEdge &&
          this.names.node(graph.edgeTarget[edge]) === NAME.awaitCode
        )
          kind = AWAIT_CLOSURE;
      }
      this.#closureKinds[node] = kind;
    }
    return this.#closureKinds[node] === AWAIT_CLOSURE;
  }

  #folds(from: number, edgeName: number, to: number, toCode: number): boolean {
    if (edgeName === NAME.contextEdge) return toCode === NAME.context || toCode === NAME.contextCell;
    const fromCode = this.names.node(from);
    if (edgeName === NAME.previous) return fromCode === NAME.context && toCode === NAME.context;
    if (edgeName === NAME.elements || edgeName === NAME.properties) return !this.isVisible(to);
    if (edgeName === NAME.tableEdge)
      return (
        (fromCode === NAME.map ||
          fromCode === NAME.set ||
          fromCode === NAME.weakMap ||
          fromCode === NAME.weakSet) &&
        !this.isVisible(to)
      );
    // Node 20 writes a reaction as a `(system)` node with numbered hidden edges, newer V8 by name.
    if (edgeName === NAME.reactions) return fromCode === NAME.promise && !this.isVisible(to);
    // A suspended async function keeps its parameters and locals in one internal array.
    if (edgeName === NAME.registers) return !this.isVisible(to);
    // The next reaction in the list (`next` in newer V8, a numbered hidden edge in Node 20 and 24),
    // or an await's continuation: the step is the suspended call its Context's `extension` holds.
    if (fromCode !== NAME.promiseReaction) return false;
    return toCode === NAME.promiseReaction || (toCode === NAME.empty && !this.isVisible(to));
  }
}

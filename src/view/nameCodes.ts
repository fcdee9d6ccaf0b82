import type { HeapGraph } from '../snapshot/heapGraph.js';

/**
 * The few node and edge names the user view tells apart (`system / Context`, `table`, `context`,
 * ...), as small codes per string index: each string is decoded at most once, on first use, so a
 * hot loop compares bytes of a Uint8Array, never strings.
 */
export const NAME = {
  other: 1,
  /** Any other `system / *` node name: V8's own objects. */
  system: 2,
  context: 3,
  nativeContext: 4,
  map: 5,
  set: 6,
  weakMap: 7,
  weakSet: 8,
  promise: 9,
  promiseReaction: 10,
  timeout: 11,
  immediate: 12,
  /** A `let` of a page's script context (newer V8): the Context holds the cell, the cell the value. */
  contextCell: 13,
  /** Blink's wrapper of a JavaScript event listener (`addEventListener`): holds the callback. */
  eventListener: 14,
  // Edge names.
  contextEdge: 20,
  previous: 21,
  elements: 22,
  properties: 23,
  tableEdge: 24,
  reactions: 25,
  fulfillHandler: 26,
  rejectHandler: 27,
  next: 28,
  boundThis: 29,
  boundFunction: 30,
  onTimeout: 31,
  onImmediate: 32,
  idleNext: 33,
  repeat: 34,
  mapEdge: 35,
  extension: 36,
  codeEdge: 37,
  registers: 38,
  functionEdge: 39,
  /** The empty name: anonymous closures, among them V8's await continuations. */
  empty: 40,
  /** The builtin code of an await continuation (`(AsyncFunctionAwaitResolveClosure builtin code)`, ...). */
  awaitCode: 41,
  /** A NativeContext's global object (a page's `Window`). */
  globalObject: 42,
} as const;

const KNOWN = new Map<string, number>([
  ['system / Context', NAME.context],
  ['system / NativeContext', NAME.nativeContext],
  ['Map', NAME.map],
  ['Set', NAME.set],
  ['WeakMap', NAME.weakMap],
  ['WeakSet', NAME.weakSet],
  ['Promise', NAME.promise],
  ['system / PromiseReaction', NAME.promiseReaction],
  ['Timeout', NAME.timeout],
  ['Immediate', NAME.immediate],
  ['context', NAME.contextEdge],
  ['previous', NAME.previous],
  ['elements', NAME.elements],
  ['properties', NAME.properties],
  ['table', NAME.tableEdge],
  ['reactions_or_result', NAME.reactions],
  ['fulfill_handler', NAME.fulfillHandler],
  ['reject_handler', NAME.rejectHandler],
  ['next', NAME.next],
  ['bound_this', NAME.boundThis],
  ['bound_function', NAME.boundFunction],
  ['_onTimeout', NAME.onTimeout],
  ['_onImmediate', NAME.onImmediate],
  ['_idleNext', NAME.idleNext],
  ['_repeat', NAME.repeat],
  ['map', NAME.mapEdge],
  ['extension', NAME.extension],
  ['code', NAME.codeEdge],
  ['parameters_and_registers', NAME.registers],
  ['function', NAME.functionEdge],
  ['', NAME.empty],
  ['system / ContextCell', NAME.contextCell],
  ['V8EventListener', NAME.eventListener],
  ['global_object', NAME.globalObject],
]);

/**
 * Chromium names a page's contexts after their scope or origin (`system / Context / scope @45861`,
 * `system / NativeContext / http://127.0.0.1:8080`): they are Contexts all the same.
 */
const SUFFIXED: readonly (readonly [string, number])[] = [
  ['system / Context / ', NAME.context],
  ['system / NativeContext / ', NAME.nativeContext],
];

function suffixed(text: string): number | undefined {
  for (const [prefix, code] of SUFFIXED) if (text.startsWith(prefix)) return code;
  return undefined;
}

/** The builtins an `await` resumes through, in async functions and async generators. */
const AWAIT_CODE = /^\(Async(Function|Generator)Await/;

export class NameCodes {
  readonly #graph: HeapGraph;
  readonly #codes: Uint8Array;

  constructor(graph: HeapGraph) {
    this.#graph = graph;
    this.#codes = new Uint8Array(graph.strings.count);
  }

  /** The code of string `index` (NAME.other for any name the view does not tell apart). */
  of(index: number): number {
    const code = this.#codes[index];
    if (code !== 0) return code;
    const text = this.#graph.strings.get(index);
    const known =
      KNOWN.get(text) ??
      suffixed(text) ??
      (text.startsWith('system / ') ? NAME.system : AWAIT_CODE.test(text) ? NAME.awaitCode : NAME.other);
    this.#codes[index] = known;
    return known;
  }

  node(ordinal: number): number {
    return this.of(this.#graph.nodeName[ordinal]);
  }

  /** The code of a named edge; NAME.other for element and hidden edges (their name is an index). */
  edge(edge: number): number {
    return this.#graph.edgeHasIndex(edge) ? NAME.other : this.of(this.#graph.edgeNameOrIndex[edge]);
  }
}

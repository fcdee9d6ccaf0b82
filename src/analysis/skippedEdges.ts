import type { HeapGraph } from '../snapshot/heapGraph.js';

/**
 * The edges DevTools' distance filter skips besides weak ones (JSHeapSnapshot's filter in
 * front_end/entrypoints/heap_snapshot_worker/HeapSnapshot.ts): the `sloppy_function_map` edge of a
 * `system / NativeContext`, and the key slots of a `(map descriptors)` array. Names are compared as
 * text, each node name once and remembered (a byte per string): no scan of the strings up front,
 * which a search that stops early could not repay.
 */
export const SKIP_NONE = 0;
export const SKIP_SLOPPY_FUNCTION_MAP = 1;
export const SKIP_DESCRIPTOR_KEYS = 2;

const UNKNOWN = 0;
const OTHER = 1;
const NATIVE_CONTEXT = 2;
const MAP_DESCRIPTORS = 3;

const NATIVE_CONTEXT_NAME = Buffer.from('system / NativeContext');
const MAP_DESCRIPTORS_NAME = Buffer.from('(map descriptors)');
const SLOPPY_FUNCTION_MAP_NAME = Buffer.from('sloppy_function_map');

export class SkippedEdges {
  readonly #graph: HeapGraph;
  readonly #state: Uint8Array;
  readonly #hidden: number;
  readonly #array: number;

  constructor(graph: HeapGraph) {
    this.#graph = graph;
    this.#state = new Uint8Array(graph.strings.count);
    this.#hidden = graph.nodeTypes.hidden;
    this.#array = graph.nodeTypes.array;
  }

  /** Which of its edges the filter looks at when `node` is the source: SKIP_NONE for most nodes. */
  sourceKind(node: number): number {
    const type = this.#graph.nodeType[node];
    if (type !== this.#hidden && type !== this.#array) return SKIP_NONE;
    const name = this.#graph.nodeName[node];
    if (this.#state[name] === UNKNOWN) this.#classify(name);
    const state = this.#state[name];
    if (type === this.#hidden) return state === NATIVE_CONTEXT ? SKIP_SLOPPY_FUNCTION_MAP : SKIP_NONE;
    return state === MAP_DESCRIPTORS ? SKIP_DESCRIPTOR_KEYS : SKIP_NONE;
  }

  /** Whether the filter skips `edge` of a source of kind `kind` (not SKIP_NONE). */
  skips(edge: number, kind: number): boolean {
    const graph = this.#graph;
    const value = graph.edgeNameOrIndex[edge];
    if (kind === SKIP_SLOPPY_FUNCTION_MAP)
      return !graph.edgeHasIndex(edge) && graph.strings.rawEquals(value, SLOPPY_FUNCTION_MAP_NAME);
    // A `(map descriptors)` array holds [count, enum cache, (key, details, value)...]. DevTools
    // parses the edge's name as a number; a name that is not one counts.
    const index = graph.edgeHasIndex(edge) ? value : Number.parseInt(graph.strings.get(value), 10);
    return index >= 2 && index % 3 === 1;
  }

  #classify(name: number): void {
    const strings = this.#graph.strings;
    this.#state[name] = strings.rawEquals(name, NATIVE_CONTEXT_NAME)
      ? NATIVE_CONTEXT
      : strings.rawEquals(name, MAP_DESCRIPTORS_NAME)
        ? MAP_DESCRIPTORS
        : OTHER;
  }
}

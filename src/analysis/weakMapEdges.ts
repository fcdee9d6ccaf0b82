import type { HeapGraph } from '../snapshot/heapGraph.js';

/**
 * V8 names the two internal edges that hold a WeakMap value (one from the table, one from the key)
 * `<index> / part of key (<key> @<id>) -> value (<value> @<id>) pair in WeakMap (table @<id>)`;
 * the part after the index is the same for both. This is DevTools' pattern (JSHeapSnapshot's
 * tryParseWeakMapEdgeName).
 */
const WEAK_MAP_EDGE =
  /^\d+(?<pair> \/ part of key \(.*? @\d+\) -> value \(.*? @\d+\) pair in WeakMap \(table @(?<tableId>\d+)\))$/;

const UNKNOWN = 0;
const NOT_WEAK_MAP = 1;
const WEAK_MAP = 2;

/** Recognises WeakMap edge names, each string tested once and remembered (a byte per string). */
export class WeakMapEdgeNames {
  readonly #graph: HeapGraph;
  readonly #state: Uint8Array;
  readonly #pair = new Map<number, string>();
  readonly #tableId = new Map<number, number>();

  constructor(graph: HeapGraph) {
    this.#graph = graph;
    this.#state = new Uint8Array(graph.strings.count);
  }

  /** The part both edges of one WeakMap entry share, or undefined if this name is not such an edge's. */
  pairKey(nameIndex: number): string | undefined {
    const state = this.#state[nameIndex];
    if (state === NOT_WEAK_MAP) return undefined;
    if (state === UNKNOWN) this.#classify(nameIndex);
    return this.#pair.get(nameIndex);
  }

  /** The id of the WeakMap's table named in such an edge, or undefined. */
  tableId(nameIndex: number): number | undefined {
    return this.pairKey(nameIndex) === undefined ? undefined : this.#tableId.get(nameIndex);
  }

  #classify(nameIndex: number): void {
    const strings = this.#graph.strings;
    // Cheap tests first: the length, then the pattern's fixed words, then the regular expression.
    const name = strings.rawLength(nameIndex) > 40 ? strings.get(nameIndex) : '';
    const match = name.includes(' pair in WeakMap (table @') ? WEAK_MAP_EDGE.exec(name) : null;
    if (match?.groups) {
      this.#state[nameIndex] = WEAK_MAP;
      this.#pair.set(nameIndex, match.groups.pair);
      this.#tableId.set(nameIndex, Number(match.groups.tableId));
    } else {
      this.#state[nameIndex] = NOT_WEAK_MAP;
    }
  }
}

import type { HeapGraph } from '../snapshot/heapGraph.js';
import { sortedOrder } from '../snapshot/sortedSearch.js';
import type { CollectionEntries } from './collectionEntries.js';
import { dominatorTree } from './dominators.js';
import type { Dominators } from './dominatorTypes.js';

/** Bits of a candidate: its retained size grew in every step so far; its entry count did. */
const RETAINED_GROWS = 1;
const ENTRIES_GROW = 2;

/** An object that grew in every step of a series: its ordinal in the last snapshot and its numbers. */
export interface GrowthCandidate {
  node: number;
  retained: number[];
  /** Set when the entry count grew in every step. */
  entries?: number[];
  /** Whether the retained size grew in every step. */
  retainedGrows: boolean;
}

/**
 * memlab's unbound-object and unbound-collection, one snapshot at a time: the tracker keeps, per
 * object id still growing, its retained size and entry count in each snapshot so far (typed arrays
 * keyed by sorted id), and drops an object as soon as it is missing or stops growing. So a series
 * costs one graph plus these arrays (about 29 bytes per object after the first snapshot, and only
 * the growing ones' after the second), never several graphs at once.
 *
 * Growth is judged on the retained size without code (V8's bytecode, compiled code and feedback,
 * node type `code`): a function V8 compiles or optimizes between snapshots retains more, every
 * step while a process warms up (heapdot's own functions do during `heapdot/live`'s series), and
 * that is not a leak. The sizes reported stay DevTools' retained sizes.
 */
export class GrowthTracker {
  #steps = 0;
  #ids: Uint32Array = new Uint32Array(0);
  #flags: Uint8Array = new Uint8Array(0);
  #retained: Float64Array[] = [];
  /** The previous snapshot's retained size without code, per id kept. */
  #withoutCode: Float64Array = new Float64Array(0);
  /** The first snapshot's, per id kept (for `minGrowth`). */
  #firstWithoutCode: Float64Array = new Float64Array(0);
  #entries: Uint32Array[] = [];
  #ordinal: Uint32Array = new Uint32Array(0);

  get steps(): number {
    return this.#steps;
  }

  /** Adds the next snapshot of the series (oldest first); its ids must number objects as the others'. */
  add(graph: HeapGraph, dominators: Dominators, collections: CollectionEntries): void {
    const order = sortedOrder(graph.nodeId);
    const { retainedSize } = dominators;
    const { entries, kind } = collections;
    const withoutCode = retainedWithoutCode(graph, dominators);
    if (this.#steps === 0) {
      this.#ids = order.map((node) => graph.nodeId[node]);
      this.#withoutCode = Float64Array.from(order, (node) => withoutCode[node]);
      this.#firstWithoutCode = this.#withoutCode;
      this.#flags = Uint8Array.from(order, (node) => RETAINED_GROWS | (kind[node] !== 0 ? ENTRIES_GROW : 0));
      this.#retained = [Float64Array.from(order, (node) => retainedSize[node])];
      this.#entries = [order.map((node) => entries[node])];
      this.#ordinal = Uint32Array.from(order);
      this.#steps = 1;
      return;
    }
    const ids = this.#ids;
    const previousWithoutCode = this.#withoutCode;
    const previousEntries = this.#entries[this.#steps - 1];
    const keep = new Uint32Array(ids.length);
    const flags = new Uint8Array(ids.length);
    const ordinal = new Uint32Array(ids.length);
    let kept = 0;
    for (let i = 0, j = 0; i < ids.length && j < order.length; ) {
      const node = order[j];
      const id = graph.nodeId[node];
      if (ids[i] < id) i++;
      else if (ids[i] > id) j++;
      else {
        let bits = this.#flags[i];
        if (!(withoutCode[node] > previousWithoutCode[i])) bits &= ~RETAINED_GROWS;
        if (!(entries[node] > previousEntries[i])) bits &= ~ENTRIES_GROW;
        if (bits !== 0) {
          keep[kept] = i;
          flags[kept] = bits;
          ordinal[kept] = node;
          kept++;
        }
        i++;
        j++;
      }
    }
    const kept_ = keep.subarray(0, kept);
    this.#ids = kept_.map((i) => ids[i]);
    this.#flags = flags.slice(0, kept);
    this.#retained = this.#retained.map((sizes) => Float64Array.from(kept_, (i) => sizes[i]));
    this.#firstWithoutCode = Float64Array.from(kept_, (i) => this.#firstWithoutCode[i]);
    this.#entries = this.#entries.map((counts) => kept_.map((i) => counts[i]));
    this.#ordinal = ordinal.slice(0, kept);
    this.#retained.push(Float64Array.from(this.#ordinal, (node) => retainedSize[node]));
    this.#entries.push(this.#ordinal.map((node) => entries[node]));
    this.#withoutCode = Float64Array.from(this.#ordinal, (node) => withoutCode[node]);
    this.#steps++;
  }

  /**
   * What grew in every step, as ordinals of the last snapshot added: by retained size (without
   * code) at least `minGrowth` bytes from first to last, or by entries at least `minEntries`. Empty
   * before two steps.
   */
  candidates(minGrowth: number, minEntries: number): GrowthCandidate[] {
    if (this.#steps < 2) return [];
    const last = this.#steps - 1;
    const found: GrowthCandidate[] = [];
    for (let i = 0; i < this.#ids.length; i++) {
      const retainedGrows =
        (this.#flags[i] & RETAINED_GROWS) !== 0 &&
        this.#withoutCode[i] - this.#firstWithoutCode[i] >= minGrowth;
      const entriesGrow =
        (this.#flags[i] & ENTRIES_GROW) !== 0 && this.#entries[last][i] - this.#entries[0][i] >= minEntries;
      if (!retainedGrows && !entriesGrow) continue;
      const candidate: GrowthCandidate = {
        node: this.#ordinal[i],
        retained: this.#retained.map((sizes) => sizes[i]),
        retainedGrows,
      };
      if (entriesGrow) candidate.entries = this.#entries.map((counts) => counts[i]);
      found.push(candidate);
    }
    return found;
  }
}

/** Per node: its retained size less the shallow sizes of the `code` nodes it dominates. */
function retainedWithoutCode(graph: HeapGraph, dominators: Dominators): Float64Array {
  const { nodeCount, nodeType, rootOrdinal } = graph;
  const code = graph.nodeTypes.code;
  const { shallowSize, retainedSize } = dominators;
  const codeSize = new Float64Array(nodeCount);
  for (let node = 0; node < nodeCount; node++)
    if (nodeType[node] === code) codeSize[node] = shallowSize[node];
  // Pre-order over the dominator tree, then children before their dominators.
  const { firstChild, children } = dominatorTree(graph, dominators);
  const order = new Uint32Array(nodeCount);
  let visited = 0;
  let top = 0;
  const stack = new Uint32Array(nodeCount);
  stack[top++] = rootOrdinal;
  while (top > 0) {
    const node = stack[--top];
    order[visited++] = node;
    for (let c = firstChild[node]; c < firstChild[node + 1]; c++) stack[top++] = children[c];
  }
  const { dominator } = dominators;
  for (let i = visited - 1; i > 0; i--) codeSize[dominator[order[i]]] += codeSize[order[i]];
  for (let node = 0; node < nodeCount; node++) codeSize[node] = retainedSize[node] - codeSize[node];
  return codeSize;
}

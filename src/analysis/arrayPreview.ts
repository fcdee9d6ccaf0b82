/**
 * What an `array` node holds, counted as the snapshot shows it. V8 writes a FixedArray's slots as
 * internal edges named by slot number (an Array's `(object elements)` store: `"0"`, `"1"`, ...),
 * and skips slots that hold no heap object (small integers, holes, `undefined`): so a store's
 * count is the slots that hold objects, and a store of doubles or small integers shows none.
 *
 * A Map's or Set's `table` is an OrderedHashMap/OrderedHashSet (V8's ordered-hash-table.h): three
 * header slots (element count, deleted count, bucket count, all small integers), one slot per
 * bucket, then per entry the key, the value (maps only) and a chain link. Its length, from its
 * size, says which table it is and where entries start; an entry is counted when its key or its
 * value is an object (one whose key and value are both small integers is not in the snapshot).
 */
import type { HeapGraph } from '../snapshot/heapGraph.js';
import { NOT_NUMBERED, slotNumber } from './slotNumber.js';

interface HashTableShape {
  /** Slots per entry: key, value, link for a Map; key, link for a Set. */
  entrySize: number;
  /** The first entry's first slot. */
  entriesStart: number;
}

/** Header bytes and bytes per slot: 64-bit V8 (Node), then with pointer compression (Chrome). */
const LAYOUTS = [
  { header: 16, slot: 8 },
  { header: 8, slot: 4 },
];

function isPowerOfTwo(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && (value & (value - 1)) === 0;
}

/**
 * The table's shape when its length is 3 + buckets * (1 + 2 * entrySize) with a power-of-two
 * bucket count (V8 keeps two entries per bucket): 3 + 7b for a Map, 3 + 5b for a Set. The two
 * forms never give the same length, nor do the two slot sizes.
 */
function hashTableShape(selfSize: number): HashTableShape | undefined {
  for (const { header, slot } of LAYOUTS) {
    const length = (selfSize - header) / slot;
    if (!Number.isInteger(length) || length < 3) continue;
    // A Map's entry is key, value and link; a Set's key and link.
    for (const entrySize of [3, 2]) {
      const buckets = (length - 3) / (1 + 2 * entrySize);
      if (isPowerOfTwo(buckets)) return { entrySize, entriesStart: 3 + buckets };
    }
  }
  return undefined;
}

/** Entries of a hash table whose key or value is an object, or undefined when the slots do not fit the shape. */
function tableEntries(graph: HeapGraph, node: number, shape: HashTableShape): number | undefined {
  let entries = 0;
  let lastEntry = -1;
  let slots = 0;
  const end = graph.firstEdge[node + 1];
  for (let edge = graph.firstEdge[node]; edge < end; edge++) {
    const slot = slotNumber(graph, edge);
    if (slot === NOT_NUMBERED) continue;
    slots++;
    const offset = slot - shape.entriesStart;
    // Bucket heads and chain links are small integers: an object there is not a hash table's.
    if (offset < 0 || offset % shape.entrySize === shape.entrySize - 1) return undefined;
    const entry = Math.floor(offset / shape.entrySize);
    if (entry !== lastEntry) entries++;
    lastEntry = entry;
  }
  return slots === 0 ? undefined : entries;
}

/** `300 entries` for a Map's or Set's table, `650 elements` for a store; undefined when no slot holds an object. */
export function arrayPreview(graph: HeapGraph, node: number): string | undefined {
  const shape = graph.nodeNameOf(node) === '' ? hashTableShape(graph.nodeSelfSize[node]) : undefined;
  const entries = shape && tableEntries(graph, node, shape);
  if (entries !== undefined && entries > 0) return `${entries} ${entries === 1 ? 'entry' : 'entries'}`;
  const elements = indexedSlots(graph, node);
  if (elements === 0) return undefined;
  return `${elements} ${elements === 1 ? 'element' : 'elements'}`;
}

/** The edges of a node named by a slot number (see slotNumber). */
export function indexedSlots(graph: HeapGraph, node: number): number {
  let count = 0;
  const end = graph.firstEdge[node + 1];
  for (let edge = graph.firstEdge[node]; edge < end; edge++)
    if (slotNumber(graph, edge) !== NOT_NUMBERED) count++;
  return count;
}

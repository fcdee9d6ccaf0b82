import type { HeapGraph } from '../snapshot/heapGraph.js';

/** A slot of a Map's or Set's table: a key, a value (Maps only), or neither (header, bucket, chain). */
export const SlotKind = { Other: -1, Key: 0, Value: 1 } as const;
export type SlotKind = (typeof SlotKind)[keyof typeof SlotKind];

/**
 * Which slot of a Map's table an index is. V8's OrderedHashMap is one FixedArray: 3 header slots
 * (element count, deleted count, bucket count), `buckets` bucket heads, then `2 * buckets` entries
 * of 3 slots (key, value, chain). The snapshot names each slot's edge by its index but leaves out
 * small integers (the header, the chains, and Smi keys), so the bucket count comes from the
 * table's length: (size - header) / pointer size = 3 + 7 * buckets, for 8- or 4-byte pointers.
 * A number, not an object: suspects asks it for every slot of every table.
 */
export function mapSlotKind(tableSize: number, index: number): SlotKind {
  for (const pointer of [8, 4]) {
    const length = (tableSize - 2 * pointer) / pointer;
    const buckets = (length - 3) / 7;
    if (!Number.isInteger(buckets) || buckets < 1 || (buckets & (buckets - 1)) !== 0) continue;
    const first = 3 + buckets;
    if (index < first || index >= length) continue;
    const slot = (index - first) % 3;
    if (slot === 0) return SlotKind.Key;
    if (slot === 1) return SlotKind.Value;
  }
  return SlotKind.Other;
}

export type TableSlot = { kind: 'key' } | { kind: 'value'; keyIndex: number } | { kind: 'unknown' };

/** The slot of index `index` in the Map table `table`, with the index of a value's key. */
export function tableSlot(graph: HeapGraph, table: number, index: number): TableSlot {
  const kind = mapSlotKind(graph.nodeSelfSize[table], index);
  if (kind === SlotKind.Key) return { kind: 'key' };
  if (kind === SlotKind.Value) return { kind: 'value', keyIndex: index - 1 };
  return { kind: 'unknown' };
}

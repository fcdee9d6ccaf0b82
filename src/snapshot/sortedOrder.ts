/**
 * Lookups in an index kept as a permutation: `order` lists positions of `keys` by ascending key,
 * so a typed array answers "where is key k" without a Map entry per item.
 */

/** The positions of `keys` in ascending key order (ties in position order). */
export function sortedOrder(keys: Uint32Array): Uint32Array {
  return Uint32Array.from(keys.keys()).sort((a, b) => keys[a] - keys[b] || a - b);
}

/** The position of `key` in `keys` by binary search over `order`, or -1. */
export function findInOrder(keys: Uint32Array, order: Uint32Array, key: number): number {
  let low = 0;
  let high = order.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = keys[order[middle]];
    if (value === key) return order[middle];
    if (value < key) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

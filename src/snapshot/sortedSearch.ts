/**
 * The one home of sorting by key and binary search (a permutation index instead of a Map entry per
 * item): `order` lists positions of `keys` by ascending key, so a typed array answers "where is
 * key k" in O(log n). Keys may be strided, `stride` numbers per item with the key first (the
 * `locations` section has four per entry).
 */

/**
 * The positions of `keys` in ascending key order, ties in position order. Keys already in order
 * (V8 numbers objects as it meets them) cost one pass; otherwise, when (largest key + 1) × count
 * fits in a double's 53 bits, each item is one exact number (key × count + position) sorted
 * natively, about three times faster than a comparator.
 */
export function sortedOrder(keys: Uint32Array, stride = 1): Uint32Array {
  const count = Math.floor(keys.length / stride);
  const order = new Uint32Array(count);
  let sorted = true;
  let largest = 0;
  for (let i = 0; i < count; i++) {
    order[i] = i;
    const key = keys[i * stride];
    if (key < largest) sorted = false;
    else largest = key;
  }
  if (sorted) return order;
  if ((largest + 1) * count <= 2 ** 53) {
    const packed = new Float64Array(count);
    for (let i = 0; i < count; i++) packed[i] = keys[i * stride] * count + i;
    packed.sort();
    // % on doubles is exact.
    for (let i = 0; i < count; i++) order[i] = packed[i] % count;
    return order;
  }
  return order.sort((a, b) => keys[a * stride] - keys[b * stride] || a - b);
}

// Two searches rather than one with an optional order: a branch on `order` inside the loop made
// lookups through an order about 1.5 times slower.

/** The first item of `keys` (in key order) whose key is `key` or more, or the item count. */
export function lowerBound(keys: Uint32Array, key: number, stride = 1): number {
  let low = 0;
  let high = Math.floor(keys.length / stride);
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (keys[middle * stride] < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The first position in `order` (from sortedOrder) whose item's key is `key` or more, or order.length. */
export function lowerBoundInOrder(keys: Uint32Array, order: Uint32Array, key: number, stride = 1): number {
  let low = 0;
  let high = order.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (keys[order[middle] * stride] < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The last index of sorted `keys` whose key is `key` or less, or -1: the node that owns an edge in
 * a first-edge array. (This shape of the loop measured twice as fast as upper bound minus one.)
 */
export function lastAtMost(keys: Uint32Array, key: number): number {
  if (keys.length === 0 || keys[0] > key) return -1;
  let low = 0;
  let high = keys.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (keys[middle] <= key) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The position in `keys` of the first item whose key is `key` (`order` from sortedOrder), or -1. */
export function findInOrder(keys: Uint32Array, order: Uint32Array, key: number): number {
  const at = lowerBoundInOrder(keys, order, key);
  return at < order.length && keys[order[at]] === key ? order[at] : -1;
}

/** Whether sorted `keys` hold `key`. */
export function includesSorted(keys: Uint32Array, key: number): boolean {
  const at = lowerBound(keys, key);
  return at < keys.length && keys[at] === key;
}

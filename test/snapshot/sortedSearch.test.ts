import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  findInOrder,
  includesSorted,
  lastAtMost,
  lowerBound,
  lowerBoundInOrder,
  sortedOrder,
} from '../../src/snapshot/sortedSearch.js';

/** The positions of `keys` by key then position, the slow obvious way. */
function referenceOrder(keys: number[]): number[] {
  return keys.map((_, position) => position).sort((a, b) => keys[a] - keys[b] || a - b);
}

describe('sortedOrder', () => {
  it('lists positions by ascending key, ties in position order', () => {
    assert.deepEqual([...sortedOrder(Uint32Array.of(7, 3, 7, 1, 3))], [3, 1, 4, 0, 2]);
  });

  it('is the identity for keys already in order', () => {
    assert.deepEqual([...sortedOrder(Uint32Array.of(1, 1, 4, 9))], [0, 1, 2, 3]);
    assert.deepEqual([...sortedOrder(new Uint32Array(0))], []);
  });

  it('reads every stride-th number as the key (the locations section has four per entry)', () => {
    const locations = Uint32Array.of(5, 0, 10, 1, 2, 0, 20, 2, 5, 0, 30, 3, 0, 0, 40, 4);
    assert.deepEqual([...sortedOrder(locations, 4)], [3, 1, 0, 2]);
  });

  it('sorts keys too large to pack into one double (the comparator path) the same way', () => {
    const big = 2 ** 32 - 1;
    const keys = [big, 3, big - 1, 3, big, 0];
    assert.deepEqual([...sortedOrder(Uint32Array.from(keys))], referenceOrder(keys));
  });

  it('agrees with a plain sort on random keys, small and large', () => {
    const key = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }));
    fc.assert(
      fc.property(fc.array(key, { maxLength: 200 }), (keys) => {
        assert.deepEqual([...sortedOrder(Uint32Array.from(keys))], referenceOrder(keys));
      }),
    );
  });
});

describe('lowerBound and lastAtMost', () => {
  const sorted = Uint32Array.of(2, 4, 4, 4, 9);

  it('find the first key at or above, and the last at or below', () => {
    assert.deepEqual(
      [0, 2, 3, 4, 5, 9, 10].map((key) => lowerBound(sorted, key)),
      [0, 0, 1, 1, 4, 4, 5],
    );
    assert.deepEqual(
      [0, 2, 3, 4, 5, 9, 10].map((key) => lastAtMost(sorted, key)),
      [-1, 0, 0, 3, 3, 4, 4],
    );
    assert.equal(lastAtMost(new Uint32Array(0), 1), -1);
  });

  it('find the owner of an edge in a first-edge array (nodes without edges are skipped)', () => {
    // Node 1 has no edges: edges 0-2 are node 0's, 3-4 node 2's, 5 node 3's.
    const firstEdge = Uint32Array.of(0, 3, 3, 5, 6);
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5].map((edge) => lastAtMost(firstEdge, edge)),
      [0, 0, 0, 2, 2, 3],
    );
  });

  it('search through an order and a stride: the position in the order', () => {
    const keys = Uint32Array.of(30, 0, 10, 0, 20, 0, 10, 0);
    const order = sortedOrder(keys, 2);
    assert.deepEqual([...order], [1, 3, 2, 0]);
    assert.equal(lowerBoundInOrder(keys, order, 10, 2), 0);
    assert.equal(lowerBoundInOrder(keys, order, 11, 2), 2);
    assert.equal(lowerBoundInOrder(keys, order, 31, 2), 4);
    const sortedKeys = Uint32Array.of(10, 0, 10, 0, 20, 0);
    assert.equal(lowerBound(sortedKeys, 10, 2), 0);
    assert.equal(lowerBound(sortedKeys, 11, 2), 2);
    assert.equal(lowerBound(sortedKeys, 21, 2), 3);
  });
});

describe('findInOrder and includesSorted', () => {
  it('find the first position holding a key, or -1', () => {
    const ids = Uint32Array.of(9, 3, 7, 3, 1);
    const order = sortedOrder(ids);
    assert.equal(findInOrder(ids, order, 7), 2);
    assert.equal(findInOrder(ids, order, 3), 1);
    assert.equal(findInOrder(ids, order, 1), 4);
    assert.equal(findInOrder(ids, order, 4), -1);
    assert.equal(findInOrder(ids, order, 10), -1);
  });

  it('say whether a sorted array holds a key', () => {
    const sorted = Uint32Array.of(1, 3, 3, 8);
    assert.deepEqual(
      [0, 1, 2, 3, 8, 9].map((key) => includesSorted(sorted, key)),
      [false, true, false, true, true, false],
    );
    assert.equal(includesSorted(new Uint32Array(0), 0), false);
  });
});

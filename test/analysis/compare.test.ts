import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  byClassName,
  compareLargest,
  compareLargestNearest,
  compareNearest,
  compareText,
} from '../../src/analysis/compare.js';
import { type Distances, NO_DISTANCE, SYSTEM_DISTANCE_BASE } from '../../src/analysis/distances.js';

/** Six nodes: ids out of ordinal order, so an order by id is not an order by ordinal. */
const graph = { nodeId: Uint32Array.of(9, 3, 7, 5, 1, 11) };

function distancesOf(raw: number[]): Distances {
  return {
    raw: Int32Array.from(raw),
    parentEdge: new Uint32Array(raw.length),
    userRootCount: 1,
    complete: true,
  };
}

describe('compareText', () => {
  it('orders by code unit, not by locale: capitals before lower case, and equal names tie', () => {
    assert.deepEqual(['b', 'B', 'a', 'é', 'A'].sort(compareText), ['A', 'B', 'a', 'b', 'é']);
    assert.equal(compareText('Map', 'Map'), 0);
    assert.equal(compareText('Map', 'MapIterator'), -1);
    assert.equal(compareText('MapIterator', 'Map'), 1);
  });
});

describe('byClassName', () => {
  it('orders rows by class name and says 0 for the same name (a consistent comparator)', () => {
    const rows = [{ className: 'Set' }, { className: 'Array' }, { className: 'Map' }];
    assert.deepEqual(
      [...rows].sort(byClassName).map((row) => row.className),
      ['Array', 'Map', 'Set'],
    );
    assert.equal(byClassName({ className: 'Map' }, { className: 'Map' }), 0);
  });
});

describe('compareNearest', () => {
  it('puts user-root distances first, then system ones, then unreached nodes; ties by smaller id', () => {
    const distances = distancesOf([2, SYSTEM_DISTANCE_BASE + 1, NO_DISTANCE, 2, 1, NO_DISTANCE]);
    const ordinals = [0, 1, 2, 3, 4, 5];
    ordinals.sort((a, b) => compareNearest(graph, distances, a, b));
    // 4 (distance 1), then 3 and 0 at distance 2 (ids 5 < 9), then the system node 1, then the
    // unreached 2 and 5 (ids 7 < 11).
    assert.deepEqual(ordinals, [4, 3, 0, 1, 2, 5]);
    assert.equal(compareNearest(graph, distances, 3, 3), 0);
  });
});

describe('compareLargest', () => {
  it('puts the larger size first; equal sizes go to the smaller id', () => {
    const sizes = Float64Array.of(10, 30, 10, 0, 30, 10);
    const ordinals = [0, 1, 2, 3, 4, 5];
    ordinals.sort((a, b) => compareLargest(graph, sizes, a, b));
    assert.deepEqual(ordinals, [4, 1, 2, 0, 5, 3]);
  });
});

describe('compareLargestNearest', () => {
  it('puts the larger size first; equal sizes go to the nearer node, then to the smaller id', () => {
    const sizes = Float64Array.of(10, 30, 10, 0, 30, 10);
    const distances = distancesOf([2, 1, 1, 3, NO_DISTANCE, 2]);
    const ordinals = [0, 1, 2, 3, 4, 5];
    ordinals.sort((a, b) => compareLargestNearest(graph, sizes, distances, a, b));
    // 1 (30, distance 1) before 4 (30, unreached); of the 10s, 2 (distance 1), then 5 and 0 at
    // distance 2 (ids 11 > 9: 0 first); 3 (0) last.
    assert.deepEqual(ordinals, [1, 4, 2, 0, 5, 3]);
    assert.equal(compareLargestNearest(graph, sizes, distances, 5, 5), 0);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ClassDiff, sortClassDiffs, sortClassStats } from '../../src/index.js';

const stat = (className: string, count: number, selfSize: number, retainedSize?: number) => ({
  className,
  count,
  selfSize,
  retainedSize,
});

describe('sortClassStats', () => {
  const stats = [
    stat('B', 5, 100, 900),
    stat('A', 5, 100, 200),
    stat('C', 9, 50, 300),
    stat('D', 1, 800, 100),
  ];

  it('by count, then self size, then name', () => {
    assert.deepEqual(
      sortClassStats(stats, 'count').map((s) => s.className),
      ['C', 'A', 'B', 'D'],
    );
  });

  it('by self size or retained size, ties in count order; the input is left as it was', () => {
    assert.deepEqual(
      sortClassStats(stats, 'self').map((s) => s.className),
      ['D', 'A', 'B', 'C'],
    );
    assert.deepEqual(
      sortClassStats(stats, 'retained').map((s) => s.className),
      ['B', 'C', 'A', 'D'],
    );
    assert.equal(stats[0].className, 'B');
  });

  it('retained without retained sizes is count order', () => {
    const plain = stats.map(({ className, count, selfSize }) => ({ className, count, selfSize }));
    assert.deepEqual(sortClassStats(plain, 'retained'), sortClassStats(plain, 'count'));
  });
});

describe('sortClassDiffs', () => {
  const row = (
    className: string,
    countDelta: number,
    sizeDelta: number,
    retainedDelta: number,
  ): ClassDiff => ({
    className,
    countBefore: 0,
    countAfter: countDelta,
    countDelta,
    sizeBefore: 0,
    sizeAfter: sizeDelta,
    sizeDelta,
    retainedDelta,
  });
  // In diffSnapshots' count order.
  const classes = [row('A', 10, 100, 5), row('B', 3, 900, 7000), row('C', 3, 100, 7000), row('D', 1, 900, 0)];

  it('count keeps the order diffSnapshots gave', () => {
    assert.deepEqual(sortClassDiffs(classes, 'count'), classes);
  });

  it('size: size growth, then count growth, then name; retained: retained growth, then size growth, then name', () => {
    assert.deepEqual(
      sortClassDiffs(classes, 'size').map((c) => c.className),
      ['B', 'D', 'A', 'C'],
    );
    assert.deepEqual(
      sortClassDiffs(classes, 'retained').map((c) => c.className),
      ['B', 'C', 'A', 'D'],
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { trend } from '../../src/index.js';

const stat = (className: string, count: number, selfSize = count * 16) => ({ className, count, selfSize });

describe('trend', () => {
  const snapshots = [
    { name: 'a', stats: [stat('Kept', 5), stat('Shrinks', 9), stat('Gone', 2)] },
    { name: 'b', stats: [stat('Kept', 5), stat('Shrinks', 4), stat('Grows', 10)] },
    { name: 'c', stats: [stat('Kept', 5), stat('Shrinks', 1), stat('Grows', 30), stat('Big', 1, 4096)] },
  ];

  it('puts 0 where a snapshot has no instance of a class, and sorts by growth, then name', () => {
    const model = trend(snapshots);
    assert.deepEqual(model.snapshots, ['a', 'b', 'c']);
    assert.deepEqual(
      model.classes.map((row) => [row.className, row.counts, row.growth]),
      [
        ['Grows', [0, 10, 30], 30],
        ['Big', [0, 0, 1], 1],
        ['Kept', [5, 5, 5], 0],
        ['Gone', [2, 0, 0], -2],
        ['Shrinks', [9, 4, 1], -8],
      ],
    );
  });

  it('names the top classes that grew, at most `top` of them', () => {
    assert.deepEqual(trend(snapshots).top, ['Grows', 'Big']);
    assert.deepEqual(trend(snapshots, { top: 1 }).top, ['Grows']);
    assert.deepEqual(trend(snapshots, { top: 0 }).top, []);
  });

  it('with metric selfSize, ranks by self-size growth', () => {
    const model = trend(snapshots, { metric: 'selfSize' });
    assert.equal(model.metric, 'selfSize');
    assert.deepEqual(model.top, ['Big', 'Grows']);
    assert.deepEqual(model.classes[0].selfSizes, [0, 0, 4096]);
  });

  it('sums the stats of a class listed twice in one snapshot', () => {
    const model = trend([
      { name: 'a', stats: [stat('X', 1)] },
      { name: 'b', stats: [stat('X', 1), stat('X', 2)] },
    ]);
    assert.deepEqual(model.classes[0].counts, [1, 3]);
  });

  it('rejects a top that is not a whole number', () => {
    assert.throws(() => trend(snapshots, { top: 1.5 }), RangeError);
  });
});

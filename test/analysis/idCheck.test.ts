import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkIds, type IdClasses } from '../../src/analysis/idCheck.js';

/** A tiny snapshot's ids (ascending) with the class of each: `[[1, 'A'], [3, 'B']]`. */
function side(entries: [number, string][]): IdClasses {
  const classNames = [...new Set(entries.map(([, name]) => name))].sort();
  return {
    ids: Uint32Array.from(entries.map(([id]) => id)),
    classOfId: Uint32Array.from(entries.map(([, name]) => classNames.indexOf(name))),
    classNames,
  };
}

describe('checkIds', () => {
  it('one numbering: the shared ids name objects of the same classes', () => {
    const before = side([
      [1, 'A'],
      [3, 'B'],
      [5, 'C'],
      [7, 'A'],
    ]);
    const after = side([
      [1, 'A'],
      [3, 'B'],
      [7, 'A'],
      [9, 'D'],
      [11, 'D'],
    ]);
    assert.deepEqual(checkIds(before, after), {
      comparable: true,
      sharedIds: 3,
      sharedIdRatio: 3 / 4,
      sameClassRatio: 1,
    });
  });

  it('renumbered: nearly every id shared, but naming objects of other classes', () => {
    const before = side([
      [1, 'A'],
      [3, 'B'],
      [5, 'C'],
      [7, 'A'],
    ]);
    const after = side([
      [1, 'B'],
      [3, 'B'],
      [5, 'A'],
      [7, 'C'],
    ]);
    assert.deepEqual(checkIds(before, after), {
      comparable: false,
      problem: 'classes-differ',
      sharedIds: 4,
      sharedIdRatio: 1,
      sameClassRatio: 1 / 4,
    });
  });

  it('few ids in common: not comparable, whatever the classes of those few', () => {
    const before = side(Array.from({ length: 40 }, (_, i): [number, string] => [2 * i + 1, 'A']));
    const after = side([
      [1, 'A'],
      ...Array.from({ length: 40 }, (_, i): [number, string] => [1000 + 2 * i, 'A']),
    ]);
    const check = checkIds(before, after);
    assert.equal(check.comparable, false);
    assert.equal(check.problem, 'few-shared');
    assert.equal(check.sharedIds, 1);
    assert.equal(check.sameClassRatio, 1);
  });
});

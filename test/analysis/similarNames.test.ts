import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editDistance, similarNames } from '../../src/analysis/similarNames.js';

const CLASSES = [
  'ImageReqWrapper',
  'ImageFormatError',
  'Image',
  'Map',
  'MapIterator',
  'WeakMap',
  'imagereqwrapper2',
];

describe('similarNames', () => {
  it('puts a name equal but for case first, then few edits, then names that contain it', () => {
    assert.deepEqual(similarNames('imagereqwrapper', CLASSES), ['ImageReqWrapper', 'imagereqwrapper2']);
    assert.deepEqual(similarNames('ImageReqWraper', CLASSES), ['ImageReqWrapper', 'imagereqwrapper2']);
    assert.deepEqual(similarNames('map', CLASSES), ['Map', 'MapIterator', 'WeakMap']);
  });

  it('suggests nothing for a name far from every class, nor the name itself', () => {
    assert.deepEqual(similarNames('Zzyzx', CLASSES), []);
    assert.deepEqual(similarNames('Map', ['Map']), []);
  });

  it('is deterministic: ties go by name, whatever the order given', () => {
    const names = ['Bar', 'Baz', 'Bat'];
    assert.deepEqual(similarNames('Bax', names), ['Bar', 'Bat', 'Baz']);
    assert.deepEqual(similarNames('Bax', [...names].reverse()), ['Bar', 'Bat', 'Baz']);
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions, and stops past the limit', () => {
    assert.equal(editDistance('kitten', 'sitting', 5), 3);
    assert.equal(editDistance('', 'abc', 5), 3);
    assert.equal(editDistance('kitten', 'sitting', 2), 3);
    assert.equal(editDistance('a', 'abcdef', 2), 3);
  });
});

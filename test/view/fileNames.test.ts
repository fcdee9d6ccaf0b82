import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classFileName, classFileNames } from '../../src/view/fileNames.js';

const SAFE = /^[A-Za-z0-9._-]+$/;

/** Class names a snapshot can hold: DevTools' interface names, DOM names, and worse. */
const AWKWARD = [
  '{a, b}',
  '{a; b}',
  'Detached <div>',
  '../../etc/passwd',
  '..',
  '.hidden',
  'a/b',
  'a\\b',
  'C:\\x',
  'x*y?',
  '"quoted"',
  "it's",
  'line\nbreak',
  'tab\there',
  'Ünïcödé',
  '日本語',
  '',
  ' ',
  'CON',
  'nul',
  'com1',
  'x'.repeat(300),
  'y'.repeat(10_000),
  `${'z'.repeat(299)}/`,
  `${'z'.repeat(299)}?`,
];

describe('classFileName', () => {
  it('keeps a name that is already safe and short, as it is', () => {
    for (const name of ['ImageReqWrapper', 'Map', 'a.b', 'snake_case-1', 'x'.repeat(100)])
      assert.equal(classFileName(name), name);
  });

  it('gives only [A-Za-z0-9._-], at most 100 bytes, no leading dot, for any name', () => {
    for (const name of AWKWARD) {
      const file = classFileName(name);
      assert.match(file, SAFE, JSON.stringify(name));
      assert.ok(Buffer.byteLength(file) <= 100, `${file.length} bytes for a ${name.length}-character name`);
      assert.ok(!file.startsWith('.'), file);
      assert.notEqual(file, name, `${JSON.stringify(name)} had to change`);
      assert.match(file, /-[0-9a-f]{8}$/, 'a changed name carries its hash');
    }
  });

  it('gives distinct names to distinct classes, also those that read alike once made safe', () => {
    const files = AWKWARD.map(classFileName);
    assert.equal(new Set(files).size, AWKWARD.length);
    assert.notEqual(classFileName('{a, b}'), classFileName('{a; b}'));
    assert.equal(classFileName('{a, b}').slice(0, 6), '_a_b_-');
  });

  it('is the same name every time (a hash of the whole name, not a counter)', () => {
    assert.deepEqual(AWKWARD.map(classFileName), AWKWARD.map(classFileName));
  });

  it('keeps the start of a long name readable', () => {
    assert.ok(classFileName(`Session${'x'.repeat(300)}`).startsWith('Sessionxxx'));
  });
});

describe('classFileNames', () => {
  it('gives classes that differ only in case different files (one file on macOS and Windows)', () => {
    const files = classFileNames(['Foo', 'foo', 'Bar']);
    assert.equal(files[2], 'Bar');
    assert.equal(new Set(files.map((file) => file.toLowerCase())).size, 3);
    for (const file of files.slice(0, 2)) assert.match(file, /^(Foo|foo)-[0-9a-f]{8}$/);
  });

  it('is classFileName where nothing collides', () => {
    assert.deepEqual(classFileNames(AWKWARD), AWKWARD.map(classFileName));
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { heapdot } from '../helpers/cli.js';
import { threeSnapshots } from '../helpers/threeSnapshots.js';

// test/fixtures/awkward-names-heap.mjs: class i has 10 + i new objects in globalThis.held.k<i>
// between baseline and target, all still held in final. Its class names, as the snapshot has them
// (V8 writes the first 1,024 characters of the 10,000 the fixture gives; the file name of a
// 10,000-character name is tested in test/view/fileNames.test.ts):
const NAMES = [
  'L'.repeat(300),
  'M'.repeat(1024),
  '../../etc/passwd',
  '..',
  '{a, b}',
  'Map<K, V>: *?',
  `"quoted" 'single'\nsecond line`,
  `${'p'.repeat(290)}/..:*?<>{}`,
  'CaseTwin',
  'casetwin',
];
const { baseline, target, final } = threeSnapshots('awkward-names-heap.mjs');
const folder = mkdtempSync(join(tmpdir(), 'heapdot-names-'));
after(() => rmSync(folder, { recursive: true, force: true }));

/** Safe on every OS: these characters only, far below 255 bytes, and no two alike but for case. */
function assertSafe(files: string[]): void {
  for (const file of files) {
    assert.match(file, /^[A-Za-z0-9._-]+$/, file);
    assert.ok(!file.startsWith('.'), file);
    assert.ok(Buffer.byteLength(file) <= 120, `${file}: ${file.length} bytes`);
  }
  assert.equal(new Set(files.map((file) => file.toLowerCase())).size, files.length);
}

/** The one file among `files` whose picture draws one of `ids` (its label names `@id`). */
function fileDrawing(dir: string, files: string[], ids: number[]): string {
  const drawing = files.filter((file) =>
    ids.some((id) => new RegExp(`@${id}\\b`).test(readFileSync(join(dir, file), 'utf8'))),
  );
  assert.equal(drawing.length, 1, `${ids.length} ids drawn in ${drawing.join(', ')}`);
  return drawing[0];
}

describe('file names made from class names: 300 and 10,000 characters, / .. {} <> : * ? quotes newlines', () => {
  it('diff --out-dir: three pictures of each class, in files of its own with safe names', async () => {
    const dots = join(folder, 'diff');
    const run = await heapdot(['diff', baseline, final, '--out-dir', dots, '--limit', '20', '--no-progress']);
    assert.equal(run.code, 0, run.stderr);
    const files = readdirSync(dots);
    assertSafe(files);
    assert.deepEqual(
      run.stdout
        .trimEnd()
        .split('\n')
        .map((line) => line.replace(/ \(\d+ nodes, \d+ edges\)$/, ''))
        .sort(),
      files.map((file) => join(dots, file)).sort(),
    );
    const chains = files.filter((file) => file.endsWith('_chain.dot'));
    const drawn = new Set<string>();
    for (const name of NAMES) {
      const listed = await heapdot(['diff', baseline, final, '--new', name, '--no-progress']);
      assert.equal(listed.code, 0, listed.stderr);
      const ids = listed.stdout
        .trimEnd()
        .split('\n')
        .map((line) => Number(line.slice(1)));
      assert.equal(ids.length, 10 + NAMES.indexOf(name));
      const chain = fileDrawing(dots, chains, ids);
      const stem = chain.slice(0, -'_chain.dot'.length);
      for (const kind of ['backrefs', 'refs']) assert.ok(files.includes(`${stem}_${kind}.dot`), stem);
      // The start of a name that is safe stays readable.
      if (/^[A-Za-z0-9]{8}/.test(name)) assert.ok(stem.startsWith(name.slice(0, 8)), stem);
      drawn.add(stem);
    }
    assert.equal(drawn.size, NAMES.length);
  });

  it('leaks --out-dir: the chain of each group, in files of its own with safe names (and with --raw, one per class)', async () => {
    const dir = join(folder, 'leaks');
    const run = await heapdot([
      ...['leaks', baseline, target, final, '--out-dir', dir, '--format', 'json', '--no-progress', '-q'],
    ]);
    assert.equal(run.code, 0, run.stderr);
    const groups = (JSON.parse(run.stdout) as { groups: { className: string; example: number }[] }).groups;
    assert.deepEqual(groups.map((group) => group.className).sort(), [...NAMES].sort());
    const files = readdirSync(dir);
    assertSafe(files);
    assert.equal(files.length, 2 * NAMES.length);
    const dots = files.filter((file) => file.endsWith('.dot'));
    for (const [index, group] of groups.entries())
      assert.ok(fileDrawing(dir, dots, [group.example]).startsWith(`chain-${index + 1}-`));

    const raw = join(folder, 'leaks-raw');
    const rawRun = await heapdot([
      'leaks',
      baseline,
      target,
      final,
      '--out-dir',
      raw,
      '--raw',
      '--no-progress',
      '-q',
    ]);
    assert.equal(rawRun.code, 0, rawRun.stderr);
    const rawFiles = readdirSync(raw);
    assertSafe(rawFiles);
    // One picture per class listed: the case twins too, which one file system would merge.
    assert.ok(
      rawFiles.filter((file) => /^chain-(CaseTwin|casetwin)-[0-9a-f]{8}\.dot$/.test(file)).length === 2,
    );
  });

  it('graphs takes a 1,024-character class as its target (its file names are its own)', async () => {
    const dir = join(folder, 'graphs');
    const run = await heapdot(['graphs', final, NAMES[1], '--out-dir', dir, '--no-progress', '-q']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(readdirSync(dir).sort(), ['backrefs.dot', 'chain.dot', 'refs.dot']);
  });
});

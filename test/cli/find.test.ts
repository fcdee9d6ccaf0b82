import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatBytes } from '../../src/render/formatBytes.js';
import { heapdot } from '../helpers/cli.js';

const SAMPLE = 'samples/after.heapsnapshot.gz';

describe('heapdot find', () => {
  it('prints every match as DESIGN.md Nodes with distances, nearest first', async () => {
    const run = await heapdot(['find', SAMPLE, 'ImageReqWrapper', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const matches = JSON.parse(run.stdout);
    // 20 malformed requests per batch of 200, two batches: 40 leaked, the good ones freed.
    assert.equal(matches.length, 40);
    for (const node of matches) {
      assert.equal(node.className, 'ImageReqWrapper');
      assert.equal(node.type, 'object');
      assert.equal(typeof node.distance, 'number');
    }
    for (let i = 1; i < matches.length; i++) {
      const [a, b] = [matches[i - 1], matches[i]];
      assert.ok(a.distance < b.distance || (a.distance === b.distance && a.id < b.id));
    }
  });

  it('stops at --limit and says how many more there are', async () => {
    const run = await heapdot(['find', SAMPLE, 'ImageReqWrapper', '--limit', '5']);
    assert.equal(run.code, 0);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 1 + 5 + 1);
    assert.match(lines[0], /^id +class +type +self size +retained size +distance +value$/);
    assert.match(lines.at(-1)!, /35 more; raise --limit/);
  });

  it('shows the retained size it computed, and the value the chain text shows, not the class again', async () => {
    const [text, json] = await Promise.all([
      heapdot(['find', SAMPLE, 'ImageReqWrapper', '--limit', '3']),
      heapdot(['find', SAMPLE, 'ImageReqWrapper', '--limit', '3', '--format', 'json']),
    ]);
    const rows = text.stdout.trimEnd().split('\n').slice(1, 4);
    const matches = JSON.parse(json.stdout) as { id: number; retainedSize: number }[];
    assert.equal(rows.length, 3);
    for (const [i, row] of rows.entries()) {
      const cells = row.split(/ {2,}/);
      assert.equal(cells[0], `@${matches[i].id}`);
      assert.equal(cells[4], formatBytes(matches[i].retainedSize));
      // An ImageReqWrapper holds a 64 KB image: it retains far more than its own 48 B.
      assert.ok(matches[i].retainedSize > 60_000);
      // The class is not repeated; the line of the class the chain text names is.
      assert.equal(cells[6], 'leaky-image-service.mjs:14');
      const chain = await heapdot(['chain', SAMPLE, `@${matches[i].id}`, '--raw']);
      assert.ok(chain.stdout.trimEnd().endsWith(cells[6]), chain.stdout);
    }
    const strings = await heapdot(['find', SAMPLE, 'string:malformed image']);
    assert.match(strings.stdout, /\(string\) +string .* "malformed image"\n/);
  });

  it('--sort retained and --sort self order every match largest first, then cut at --limit', async () => {
    const all = JSON.parse(
      (await heapdot(['find', SAMPLE, '/Array/', '--limit', '100000', '--format', 'json'])).stdout,
    ) as { id: number; selfSize: number; retainedSize: number; distance: number }[];
    assert.ok(all.length > 100);
    for (const [sort, key] of [
      ['retained', 'retainedSize'],
      ['self', 'selfSize'],
    ] as const) {
      const run = await heapdot([
        'find',
        SAMPLE,
        '/Array/',
        '--sort',
        sort,
        '--limit',
        '5',
        '--format',
        'json',
      ]);
      const top = JSON.parse(run.stdout) as typeof all;
      const largest = all.map((node) => node[key]).sort((a, b) => b - a);
      assert.deepEqual(
        top.map((node) => node[key]),
        largest.slice(0, 5),
      );
      assert.ok(top[0][key] > all[0][key], `${sort}: not the nearest order`);
    }
    const bad = await heapdot(['find', SAMPLE, 'X', '--sort', 'size']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Allowed choices are distance, retained, self/);
  });

  it('suggests the nearest class names when a class name matches nothing', async () => {
    for (const [command, wrong] of [
      ['find', 'imagereqwrapper'],
      ['chain', 'ImageReqWraper'],
      ['backrefs', 'ImageReqWrapperr'],
      ['paths', 'imageformaterror'],
    ]) {
      const run = await heapdot([command, SAMPLE, wrong]);
      assert.equal(run.code, 1, run.stderr);
      const expected = wrong.toLowerCase().startsWith('imageformat') ? 'ImageFormatError' : 'ImageReqWrapper';
      assert.equal(run.stderr, `heapdot: ${SAMPLE}: no object matches ${wrong}; did you mean ${expected}?\n`);
    }
    const nothingNear = await heapdot(['find', SAMPLE, 'Zzyzx']);
    assert.equal(nothingNear.stderr, `heapdot: ${SAMPLE}: no object matches Zzyzx\n`);
  });

  it('finds strings by their text', async () => {
    const run = await heapdot(['find', SAMPLE, 'string:malformed image', '--format', 'json']);
    const matches = JSON.parse(run.stdout);
    assert.ok(matches.some((node: { name: string }) => node.name === 'malformed image'));
  });

  it('lists hundreds of thousands of matches without running out of stack', async () => {
    const run = await heapdot(['find', 'samples/after.heapsnapshot.gz', '(string)', '--limit', '1000000']);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.stdout.split('\n').length > 10000);
  });

  it('exits 1 when nothing matches, and 2 for a bad regular expression', async () => {
    assert.equal((await heapdot(['find', SAMPLE, 'NoSuchClass'])).code, 1);
    const bad = await heapdot(['find', SAMPLE, '/(/']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /bad regular expression/);
  });
});

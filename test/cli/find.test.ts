import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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
    assert.match(lines[0], /^id +class +type +self size +distance +name$/);
    assert.match(lines.at(-1)!, /35 more; raise --limit/);
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

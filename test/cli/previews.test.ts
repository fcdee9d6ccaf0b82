import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { heapdot } from '../helpers/cli.js';
import { shapedSnapshot } from '../helpers/snapshots.js';

const snapshot = shapedSnapshot('previews-heap.mjs');

/** The lines of `refs` as text, every reference drawn: `  [(array)] (array) @12 14 KiB 300 entries`. */
async function refsLines(target: string, depth: number): Promise<string[]> {
  const run = await heapdot([
    'refs',
    snapshot,
    target,
    // The raw graph: the stores themselves are the boxes whose previews are tested.
    ...['--raw', '--max-depth', String(depth), '--too-many', '1000', '--max-nodes', '2000'],
  ]);
  assert.equal(run.code, 0, run.stderr);
  return run.stdout.split('\n');
}

describe('previews count what a backing store holds', () => {
  it("a Map's table says how many entries it has, and so does a Set's", async () => {
    const arrays = (await refsLines('EntryRegistry', 2)).filter((line) => line.includes('[(array)] (array)'));
    assert.ok(
      arrays.some((line) => / 300 entries\b/.test(line)),
      arrays.join('\n'),
    );
    assert.ok(
      arrays.some((line) => / 3 entries\b/.test(line)),
      arrays.join('\n'),
    );
    assert.ok(!arrays.some((line) => / 0 elements/.test(line)), arrays.join('\n'));
  });

  it("an Array's elements store says how many elements it holds", async () => {
    const lines = await refsLines('ItemList', 2);
    assert.ok(
      lines.some((line) => /\[Array\] \(object\) @\d+ [\d.]+ K?i?B length 650\b/.test(line)),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((line) => /\[\(array\)\] \(array\) .* 650 elements\b/.test(line)),
      lines.join('\n'),
    );
  });
});

interface Match {
  id: number;
  type: string;
}

async function matches(text: string): Promise<Match[]> {
  const run = await heapdot(['find', snapshot, `string:${text}`, '--format', 'json', '--limit', '100000']);
  if (run.code === 1 && /no object matches/.test(run.stderr)) return [];
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout);
}

describe('string:TEXT matches concatenated and sliced strings by their rebuilt text', () => {
  it('finds a needle that runs across the two halves of a concatenation', async () => {
    const found = await matches('cons-needle-9b2f');
    assert.deepEqual(
      found.map((match) => match.type),
      ['concatenated string'],
    );
  });

  it('finds a needle across the parts of a tree of concatenations, and no text the string does not hold', async () => {
    const across = await matches('right-part-needle-left');
    assert.equal(across.length, 1);
    assert.equal(across[0].type, 'concatenated string');
    assert.deepEqual(await matches('tree-needle'), []);
  });

  it('follows a Map key built by + from the key to its Map', async () => {
    const run = await heapdot([
      'chain',
      snapshot,
      'string:map-key-needle-3e8c',
      '--format',
      'json',
      '--quiet',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const chain = JSON.parse(run.stdout);
    assert.equal(chain.target.type, 'concatenated string');
    const names = chain.edges.map((edge: { name: string | number }) => edge.name);
    assert.ok(names.includes('keyed') && names.includes('table'), names.join(' '));
  });

  it('finds a slice by the text it is cut from, and shows that text as its preview', async () => {
    const found = await matches('slice-needle-5c1e');
    assert.ok(
      found.some((match) => match.type === 'sliced string'),
      JSON.stringify(found),
    );
    const run = await heapdot(['chain', snapshot, 'string:slice-needle-5c1e', '--raw', '--quiet']);
    assert.match(
      run.stdout.trimEnd().split('\n').at(-1) ?? '',
      /\(sliced string\) @\d+ 32 B slice of "0123456789/,
    );
  });

  it('walks a concatenation 20,000 levels deep, to either end, without recursion', async () => {
    const end = await matches('deep-end-needle-8a2c');
    assert.deepEqual(
      end.map((match) => match.type),
      ['concatenated string', 'string'],
    );
    // Every prefix of the deep string is a concatenation that starts with the needle, and holds it.
    const start = await matches('deep-start-needle-41f0|');
    assert.equal(start.filter((match) => match.type === 'concatenated string').length, 20_001);
    const run = await heapdot(['chain', snapshot, 'string:deep-end-needle-8a2c', '--raw', '--quiet']);
    assert.match(
      run.stdout.trimEnd().split('\n').at(-1) ?? '',
      /--deep \(property\)---> {2}\[\(concatenated string\)\] \(concatenated string\) @\d+ 32 B "deep-start-needle-41f0\|\|piece-000000\|pie…"$/,
    );
  });
});

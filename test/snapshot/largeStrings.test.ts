import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { it } from 'node:test';
import { readSnapshot } from '../../src/snapshot/readSnapshot.js';
import { hugeSnapshot } from '../helpers/hugeStrings.js';

const MiB = 1024 * 1024;

it('reads a strings section over 600 MiB and finds its last string', async () => {
  const last = 'the last string \u00e9\ud83c\udf89 \\ "quoted"';
  const graph = await readSnapshot(Readable.from(hugeSnapshot(610 * MiB, last)), { name: 'generated' });
  assert.ok(graph.input.jsonBytes > 610 * MiB);
  assert.equal(graph.nodeCount, 2);
  assert.equal(graph.nodeNameOf(1), last);
  assert.equal(graph.strings.get(graph.strings.count - 1), last);
  assert.equal(graph.strings.get(1).length, 1000);
});

/** Reads a generated snapshot with `stringBytes` of strings in a fresh process; its peak RSS and what it read. */
function readInChild(stringBytes: number): { maxRss: number; jsonBytes: number } {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'test/helpers/hugeStrings.ts', String(stringBytes)],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(out);
}

it('peak memory grows with the strings section by no more than the strings themselves', () => {
  const small = readInChild(150 * MiB);
  const large = readInChild(600 * MiB);
  const stringGrowth = large.jsonBytes - small.jsonBytes;
  const rssGrowth = large.maxRss - small.maxRss;
  // The string bytes are kept once (raw, in pages); no copy, no decoded string per entry.
  assert.ok(
    rssGrowth < stringGrowth * 1.15,
    `RSS grew by ${(rssGrowth / MiB).toFixed(0)} MiB for ${(stringGrowth / MiB).toFixed(0)} MiB more strings`,
  );
  assert.ok(large.maxRss < 600 * MiB + 300 * MiB, `peak RSS ${(large.maxRss / MiB).toFixed(0)} MiB`);
});

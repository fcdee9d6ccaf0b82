import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { it } from 'node:test';
import { readSnapshot } from '../../src/snapshot/readSnapshot.js';

const MiB = 1024 * 1024;

/**
 * A snapshot whose strings section is over 600 MiB, more than one JavaScript string can hold
 * (memlab and DevTools fail on such files with "Invalid string length"), made on the fly.
 */
function* hugeSnapshot(stringBytes: number, lastString: string): Generator<Buffer> {
  const header = {
    meta: {
      node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'],
      node_types: [['hidden', 'string', 'synthetic'], 'string', 'number', 'number', 'number'],
      edge_fields: ['type', 'name_or_index', 'to_node'],
      edge_types: [['element', 'property'], 'string_or_number', 'node'],
    },
    node_count: 2,
    edge_count: 1,
  };
  // The root holds one string node whose name is the very last string.
  const filler = Buffer.from(`,"${'a'.repeat(1000)}"`.repeat(1024));
  const count = Math.ceil(stringBytes / filler.length) * 1024;
  yield Buffer.from(`{"snapshot":${JSON.stringify(header)},"nodes":[2,0,1,0,1,1,${count + 1},3,100,0],`);
  yield Buffer.from('"edges":[0,0,5],"strings":[""');
  for (let written = 0; written < stringBytes; written += filler.length) yield filler;
  yield Buffer.from(`,${JSON.stringify(lastString)}]}`);
}

it('reads a strings section over 600 MiB and finds its last string', async () => {
  const last = 'the last string \u00e9\ud83c\udf89 \\ "quoted"';
  const graph = await readSnapshot(Readable.from(hugeSnapshot(610 * MiB, last)), { name: 'generated' });
  assert.ok(graph.input.jsonBytes > 610 * MiB);
  assert.equal(graph.nodeCount, 2);
  assert.equal(graph.nodeNameOf(1), last);
  assert.equal(graph.strings.get(graph.strings.count - 1), last);
  assert.equal(graph.strings.get(1).length, 1000);
});

import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { readSnapshot } from '../../src/snapshot/readSnapshot.js';

/**
 * A snapshot whose strings section holds `stringBytes` of 1,000-character strings (over 512 MiB is
 * more than one JavaScript string can hold: memlab and DevTools fail on such files with "Invalid
 * string length"), made on the fly, never whole in memory.
 */
export function* hugeSnapshot(stringBytes: number, lastString: string): Generator<Buffer> {
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

// Run as a script (largeStrings.test.ts does, one fresh process per size): read a generated
// snapshot and print the peak RSS, so the test can see how memory grows with the strings.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bytes = Number(process.argv[2]);
  const graph = await readSnapshot(Readable.from(hugeSnapshot(bytes, 'last')), { name: 'generated' });
  const maxRss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`${JSON.stringify({ maxRss, jsonBytes: graph.input.jsonBytes })}\n`);
}

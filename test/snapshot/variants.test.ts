import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { EdgeRangeSlot } from '../../src/snapshot/parallelEdges.js';
import { readSnapshot } from '../../src/snapshot/readSnapshot.js';
import { assertSameGraph } from '../helpers/graphs.js';
import { loadJson, serialize, withNodeField, withoutNodeField, withSection } from '../helpers/rewrite.js';
import { shapedSnapshot } from '../helpers/snapshots.js';

const original = shapedSnapshot('shaped-heap.mjs');
const json = loadJson(original);
const directory = mkdtempSync(join(tmpdir(), 'heapdot-variants-'));

function writeVariant(name: string, text: string | Uint8Array): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

/** An unknown section full of what a careless skipper trips on: brackets and braces inside strings, nesting. */
const TRICKY_SECTION = {
  note: 'a ] and a } and a " inside a string, and \\ too',
  nested: [[[{ deep: ['}', ']', '{', '['] }]]],
  empty: [],
  numbers: [1, -2, 3.5e10],
  flags: [true, false, null],
};

describe('reading format variants rewritten from a real Node snapshot', async () => {
  const expected = await readSnapshot(original);

  it('reads the file as V8 wrote it (one node per line)', async () => {
    assertSameGraph(await readSnapshot(writeVariant('v8.heapsnapshot', serialize(json, 'v8'))), expected);
  });

  it('reads every array on one line', async () => {
    assertSameGraph(
      await readSnapshot(writeVariant('one-line.heapsnapshot', serialize(json, 'one-line'))),
      expected,
    );
  });

  it('reads one element per line', async () => {
    const path = writeVariant('per-element.heapsnapshot', serialize(json, 'element-per-line'));
    assertSameGraph(await readSnapshot(path), expected);
  });

  // The writer's layout, both ways, whichever one wrote the test's snapshot (Node 20: 7 fields).
  const fields = json.snapshot.meta.node_fields;
  const traced = fields.includes('trace_node_id');
  const six = traced ? withoutNodeField(json, 'trace_node_id') : json;
  const seven = traced ? json : withNodeField(json, 'trace_node_id', fields.indexOf('detachedness'));

  const layouts = [
    { variant: six, writer: 'newer V8', with: 'no', traceField: [] },
    { variant: seven, writer: 'Node 20', with: 'with', traceField: ['trace_node_id'] },
  ];
  for (const { variant, writer, with: traceNodeId, traceField } of layouts) {
    const count = variant.snapshot.meta.node_fields.length;
    it(`reads ${count} node fields (${traceNodeId} trace_node_id, to_node rescaled), as ${writer} writes`, async () => {
      const graph = await readSnapshot(
        writeVariant(`${count}-fields.heapsnapshot`, serialize(variant, 'one-line')),
      );
      assertSameGraph(graph, expected);
      assert.deepEqual(graph.header.nodeFields, [
        'type',
        'name',
        'id',
        'self_size',
        'edge_count',
        ...traceField,
        'detachedness',
      ]);
    });
  }

  it('skips unknown sections before strings, whatever they hold', async () => {
    let variant = withSection(json, 'scopes', TRICKY_SECTION);
    variant = withSection(variant, 'scope_uses', [[1, [2, [3]]], '] }']);
    variant = withSection(variant, 'a_scalar', 42, 'nodes');
    const graph = await readSnapshot(writeVariant('extra.heapsnapshot', serialize(variant, 'v8')));
    assertSameGraph(graph, expected);
    assert.ok(graph.sections.includes('scopes') && graph.sections.includes('scope_uses'));
  });

  it('reads gzip files, detected by magic bytes', async () => {
    const path = writeVariant('compressed.heapsnapshot', gzipSync(serialize(json, 'v8')));
    const graph = await readSnapshot(path);
    assert.equal(graph.input.gzip, true);
    assertSameGraph(graph, expected);
  });

  it('reads a stream that arrives in tiny chunks (every token split)', async () => {
    const bytes = Buffer.from(serialize(json, 'v8'));
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));
    assertSameGraph(await readSnapshot(Readable.from(chunks)), expected);
  });

  it('reads a byte order mark that arrives one byte at a time', async () => {
    const bytes = Buffer.from(serialize(json, 'one-line'));
    const chunks = [Buffer.from([0xef]), Buffer.from([0xbb]), Buffer.from([0xbf]), bytes];
    assertSameGraph(await readSnapshot(Readable.from(chunks)), expected);
  });

  it('reads with a byte order mark and CRLF line ends', async () => {
    const text = `\uFEFF${serialize(json, 'v8').replaceAll('\n', '\r\n')}`;
    assertSameGraph(await readSnapshot(writeVariant('crlf.heapsnapshot', text)), expected);
  });
});

describe('the parallel read (edges in a worker) gives the same graph as the sequential one', async () => {
  const sequential = await readSnapshot(original, { parallelFrom: Number.POSITIVE_INFINITY });

  for (const layout of ['v8', 'one-line', 'element-per-line'] as const) {
    it(`on the ${layout} layout`, async () => {
      const path = writeVariant(`parallel-${layout}.heapsnapshot`, serialize(json, layout));
      assertSameGraph(await readSnapshot(path, { parallelFrom: 0 }), sequential);
    });
  }

  it('with an unknown section between nodes and edges (read in order instead)', async () => {
    const variant = withSection(json, 'between', [[']'], '"edges":['], 'edges');
    const path = writeVariant('parallel-between.heapsnapshot', serialize(variant, 'v8'));
    assertSameGraph(await readSnapshot(path, { parallelFrom: 0 }), sequential);
  });

  it('with edges that never end (truncated): the error of the sequential read', async () => {
    const v8 = serialize(json, 'v8');
    const at = v8.indexOf('"edges":[') + '"edges":['.length;
    const cut = v8.indexOf(']', at);
    const path = writeVariant('parallel-truncated.heapsnapshot', v8.slice(0, cut - 1));
    const message = (read: Promise<unknown>) =>
      read.then(
        () => assert.fail('read a truncated file'),
        (error: Error) => error.message,
      );
    const expected = await message(readSnapshot(path, { parallelFrom: Number.POSITIVE_INFINITY }));
    assert.equal(await message(readSnapshot(path, { parallelFrom: 0 })), expected);
  });

  it('reports a broken edge found by the worker like the parser would', async () => {
    const v8 = serialize(json, 'v8');
    const at = v8.indexOf('"edges":[') + '"edges":['.length;
    const path = writeVariant('parallel-broken.heapsnapshot', `${v8.slice(0, at)}1.5${v8.slice(at + 1)}`);
    await assert.rejects(
      readSnapshot(path, { parallelFrom: 0 }),
      (error: Error & { section?: string; offset?: number }) => {
        assert.match(error.message, /a fractional number, section edges, byte \d+/);
        assert.equal(error.offset, at + 1);
        return true;
      },
    );
  });
});

describe('EdgeRangeSlot: where the edges start, passed from the worker to the main thread', () => {
  it('take() returns what the worker published', () => {
    const slot = new EdgeRangeSlot();
    assert.equal(new EdgeRangeSlot(slot.buffer).publish({ key: 12, open: 21 }), true);
    assert.deepEqual(slot.take(), { key: 12, open: 21 });
  });

  it('take() returns undefined when the worker found no usual layout', () => {
    const slot = new EdgeRangeSlot();
    assert.equal(new EdgeRangeSlot(slot.buffer).publish(undefined), false);
    assert.equal(slot.take(), undefined);
  });

  it('a main thread that stops waiting reads the edges itself, and the worker then does not', () => {
    const slot = new EdgeRangeSlot(new SharedArrayBuffer(32), 1);
    assert.equal(slot.take(), undefined);
    assert.equal(new EdgeRangeSlot(slot.buffer).publish({ key: 12, open: 21 }), false);
    assert.equal(slot.take(), undefined);
  });
});

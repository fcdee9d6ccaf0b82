import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { readSnapshot } from '../../src/snapshot/readSnapshot.js';
import { edgesOf, ordinalsOfClass } from '../helpers/graphs.js';
import { loadJson } from '../helpers/rewrite.js';
import { shapedSnapshot } from '../helpers/snapshots.js';

const path = shapedSnapshot('shaped-heap.mjs');
const header = JSON.parse(
  `${readFileSync(path, 'utf8')
    .slice(0, 4000)
    .split('\n"nodes"')[0]
    .replace(/^\{"snapshot":/, '')
    .replace(/,$/, '')}`,
) as { node_count: number; edge_count: number };

describe('readSnapshot of a shaped Node heap', async () => {
  const graph = await readSnapshot(path);

  it('has the node and edge counts the header gives', () => {
    assert.equal(graph.nodeCount, header.node_count);
    assert.equal(graph.edgeCount, header.edge_count);
    assert.equal(graph.firstEdge[graph.nodeCount], header.edge_count);
  });

  it('finds the shaped objects by class name', () => {
    assert.equal(ordinalsOfClass(graph, 'Holder').length, 1);
    assert.equal(ordinalsOfClass(graph, 'Leaf').length, 1);
    assert.equal(ordinalsOfClass(graph, 'ArrayItem').length, 3);
    assert.equal(ordinalsOfClass(graph, 'WeakMapValue').length, 1);
  });

  it('names the properties of an object and reaches the right strings and objects', () => {
    const [holder] = ordinalsOfClass(graph, 'Holder');
    const edges = edgesOf(graph, holder);
    const label = edges.find((edge) => edge.name === 'label');
    const child = edges.find((edge) => edge.name === 'child');
    assert.equal(label?.type, 'property');
    assert.equal(graph.nodeNameOf(label!.to), 'holder-label-7f3a');
    assert.equal(graph.className(label!.to), '(string)');
    assert.equal(child?.type, 'property');
    assert.equal(graph.className(child!.to), 'Leaf');
    const tag = edgesOf(graph, child!.to).find((edge) => edge.name === 'tag');
    assert.equal(graph.nodeNameOf(tag!.to), 'leaf-via-property');
  });

  it('reads a closure, its context variable and its source location', () => {
    const closure = ordinalsOfClass(graph, 'Function').find(
      (node) => graph.nodeNameOf(node) === 'readCaptured',
    );
    assert.ok(closure !== undefined);
    const context = edgesOf(graph, closure).find((edge) => edge.name === 'context');
    assert.equal(context?.type, 'internal');
    const captured = edgesOf(graph, context!.to).find((edge) => edge.name === 'captured');
    assert.equal(captured?.type, 'context');
    assert.equal(graph.className(captured!.to), 'ClosureCaptured');
    const location = graph.location(closure);
    // `globalThis.readCaptured = function readCaptured() {` is on line 54 of the fixture (0-based 53).
    const line = readFileSync(new URL('../fixtures/shaped-heap.mjs', import.meta.url), 'utf8')
      .split('\n')
      .findIndex((text) => text.includes('function readCaptured()'));
    assert.equal(location?.line, line);
  });

  it('finds every location, though Node writes them not quite in node order', () => {
    const json = loadJson(path);
    const fields = json.snapshot.meta.location_fields;
    const width = fields.length;
    const raw = json.locations ?? [];
    let unordered = 0;
    for (let i = width; i < raw.length; i += width) if (raw[i] < raw[i - width]) unordered++;
    assert.ok(unordered > 0, 'this snapshot has locations out of node order');
    const nodeWidth = json.snapshot.meta.node_fields.length;
    for (let i = 0; i < raw.length; i += width) {
      const node = raw[i + fields.indexOf('object_index')] / nodeWidth;
      assert.deepEqual(graph.location(node), {
        scriptId: raw[i + fields.indexOf('script_id')],
        line: raw[i + fields.indexOf('line')],
        column: raw[i + fields.indexOf('column')],
      });
    }
  });

  it('finds nodes by id and the source of an edge', () => {
    const [leaf] = ordinalsOfClass(graph, 'Leaf');
    assert.equal(graph.ordinalOfId(graph.nodeId[leaf]), leaf);
    graph.indexIds();
    assert.equal(graph.ordinalOfId(graph.nodeId[leaf]), leaf);
    const ids = new Set(graph.nodeId);
    let absent = 1;
    while (ids.has(absent)) absent++;
    assert.equal(graph.ordinalOfId(absent), -1, `no node has the id ${absent}`);
    const edge = graph.firstEdge[leaf];
    assert.equal(graph.edgeSource(edge), leaf);
  });

  it('builds the retainer index on demand, agreeing with the edges', () => {
    const [leaf] = ordinalsOfClass(graph, 'Leaf');
    const { firstRetainer, retainerEdge, retainerSource } = graph.retainers();
    const holders = [];
    for (let slot = firstRetainer[leaf]; slot < firstRetainer[leaf + 1]; slot++) {
      assert.equal(graph.edgeTarget[retainerEdge[slot]], leaf);
      holders.push(graph.className(retainerSource[slot]));
    }
    assert.ok(holders.includes('Holder'));
  });
});

describe('readSnapshot sources', () => {
  it('reads gzip by its magic bytes, whatever the name', async () => {
    const plain = await readSnapshot(path);
    const stream = Readable.from([gzipSync(readFileSync(path))]);
    const graph = await readSnapshot(stream, { name: 'no-extension' });
    assert.equal(graph.input.gzip, true);
    assert.equal(graph.nodeCount, plain.nodeCount);
    assert.deepEqual(graph.edgeTarget, plain.edgeTarget);
  });

  it('reports progress as it reads', async () => {
    const seen: number[] = [];
    await readSnapshot(path, { onProgress: (progress) => seen.push(progress.bytesRead) });
    assert.ok(seen.length > 0);
    assert.equal(seen.at(-1), readFileSync(path).length);
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { HeapGraph } from '../../src/snapshot/heapGraph.js';
import { readSnapshot } from '../../src/snapshot/readSnapshot.js';
import { ALLOCATION_FIXTURE_URL, allocationSnapshot, functionStart } from '../helpers/allocationFixture.js';
import { heapdot } from '../helpers/cli.js';
import { loadJson, serialize } from '../helpers/rewrite.js';

const tracked = allocationSnapshot(true);
const untracked = allocationSnapshot(false);
const directory = mkdtempSync(join(tmpdir(), 'heapdot-traces-'));

function write(name: string, content: string | Uint8Array): string {
  const path = join(directory, name);
  writeFileSync(path, content);
  return path;
}

/** The ordinals of the nodes of one class. */
function nodesOfClass(graph: HeapGraph, className: string): number[] {
  const found: number[] = [];
  for (let node = 0; node < graph.nodeCount; node++)
    if (graph.className(node) === className) found.push(node);
  return found;
}

/** The function names of a node's allocation stack, innermost first. */
function stackNames(graph: HeapGraph, node: number): string[] {
  const traces = graph.allocationTraces;
  assert.ok(traces && graph.nodeTraceId);
  return traces.stack(traces.entryOfId(graph.nodeTraceId[node])).map((frame) => frame.functionName);
}

describe('allocation stacks of a snapshot taken with --track-heap-objects', async () => {
  const graph = await readSnapshot(tracked);
  const traces = graph.allocationTraces;
  const traceId = graph.nodeTraceId;

  it('has a stack tree whose entries follow their parents, with unique ids and known functions', () => {
    assert.ok(traces && traceId);
    const { id, parent, functionIndex } = traces.tree;
    assert.ok(traces.entryCount > 10);
    assert.equal(parent[0], -1, 'the first entry is the top');
    const ids = new Set<number>();
    for (let entry = 0; entry < traces.entryCount; entry++) {
      if (entry > 0)
        assert.ok(parent[entry] >= 0 && parent[entry] < entry, `entry ${entry} after its parent`);
      assert.ok(id[entry] > 0 && !ids.has(id[entry]), `entry ${entry} has a unique id`);
      ids.add(id[entry]);
      assert.equal(traces.entryOfId(id[entry]), entry);
      assert.ok(functionIndex[entry] < traces.functions.name.length);
    }
    for (let node = 0; node < graph.nodeCount; node++) {
      if (traceId[node] !== 0)
        assert.notEqual(traces.entryOfId(traceId[node]), -1, `node ${node}'s trace id is in the tree`);
    }
  });

  it('puts each of the 300 Alpha objects at makeAlphas, at the line and column where it starts', () => {
    assert.ok(traces && traceId);
    const alphas = nodesOfClass(graph, 'Alpha');
    assert.equal(alphas.length, 300);
    const expected = {
      functionName: 'makeAlphas',
      scriptName: ALLOCATION_FIXTURE_URL,
      ...functionStart('makeAlphas'),
    };
    const entries = new Set<number>();
    for (const node of alphas) {
      const entry = traces.entryOfId(traceId[node]);
      entries.add(entry);
      const { scriptId: _, ...frame } = traces.stack(entry)[0];
      assert.deepEqual(frame, expected);
    }
    // The tree counts allocations, freed ones too: at least the 300 that are alive.
    let allocated = 0;
    for (const entry of entries) allocated += traces.tree.count[entry];
    assert.ok(allocated >= 300, `${allocated} allocations`);
  });

  it('tells the two callers of makeBetas apart: 80 Beta through one, 40 through the other', () => {
    const stacks = new Map<string, number>();
    for (const node of nodesOfClass(graph, 'Beta')) {
      const key = stackNames(graph, node).slice(0, 2).join(' < ');
      stacks.set(key, (stacks.get(key) ?? 0) + 1);
    }
    assert.deepEqual([...stacks].sort(), [
      ['makeBetas < betasViaFirst', 80],
      ['makeBetas < betasViaSecond', 40],
    ]);
  });

  it('stacks end below the synthetic top, which has no frame', () => {
    assert.ok(traces);
    assert.deepEqual(traces.stack(0), []);
    assert.equal(traces.stack(1).length, 1);
  });

  describe('format variants read to the same stacks', () => {
    const json = loadJson(tracked);
    const same = (other: HeapGraph) => {
      const mine = other.allocationTraces;
      assert.ok(mine && traces);
      assert.deepEqual(mine.tree, traces.tree);
      assert.deepEqual(mine.functions, traces.functions);
      assert.deepEqual(other.nodeTraceId, traceId);
    };
    for (const layout of ['one-line', 'element-per-line'] as const) {
      it(`${layout} arrays`, async () => {
        same(await readSnapshot(write(`${layout}.heapsnapshot`, serialize(json, layout))));
      });
    }
    it('gzip', async () => {
      same(await readSnapshot(write('tracked.heapsnapshot.gz', gzipSync(readFileSync(tracked)))));
    });
  });

  it('a huge trace node id costs no table of that size (ids are looked up, not indexed)', async () => {
    const json = loadJson(tracked) as unknown as { trace_tree: number[] };
    json.trace_tree[0] = 1_500_000_000;
    const before = process.memoryUsage().rss;
    const graph = await readSnapshot(write('huge-id.heapsnapshot', JSON.stringify(json)));
    const sparse = graph.allocationTraces;
    assert.ok(sparse);
    assert.equal(sparse.entryOfId(1_500_000_000), 0);
    assert.equal(sparse.entryOfId(1), -1);
    assert.equal(sparse.entryOfId(graph.nodeTraceId?.find((id) => id > 1) ?? 0) > 0, true);
    // A dense table would take 6 GB here.
    assert.ok(process.memoryUsage().rss - before < 500 * 1024 * 1024);
  });

  describe('a broken trace_tree is refused with one line naming the section and the byte', () => {
    const text = serialize(loadJson(tracked), 'one-line');
    const start = text.indexOf('"trace_tree":[');
    const end = text.indexOf(']', text.indexOf(',"samples":') - 1) + 1;
    const empty = text.indexOf('[]', start);
    const children = text.indexOf('[', start + '"trace_tree":['.length);
    assert.ok(start > 0 && empty > start && empty < end && children < end);
    const cases: [string, string, RegExp, number | undefined][] = [
      ['cut inside it', text.slice(0, (start + end) >> 1), /ends before the snapshot does/, undefined],
      [
        'a number where the children array belongs',
        `${text.slice(0, empty)}7${text.slice(empty + 2)}`,
        /a number where its children array belongs/,
        empty,
      ],
      [
        'an unbalanced bracket (one ] too many)',
        // After the root's four numbers, before the comma and its children array.
        `${text.slice(0, children - 1)}]${text.slice(children - 1)}`,
        /trace tree node ends before its children array/,
        undefined,
      ],
      [
        'an unbalanced bracket (the last ] missing)',
        `${text.slice(0, end - 1)}${text.slice(end)}`,
        /in the trace tree where a number or an array was expected/,
        undefined,
      ],
    ];
    for (const [name, broken, pattern, at] of cases) {
      it(name, async () => {
        const path = write(`broken-${name.replace(/\W+/g, '-')}.heapsnapshot`, broken);
        await assert.rejects(readSnapshot(path), (error: Error & { section?: string; offset?: number }) => {
          assert.equal(error.name, 'SnapshotFormatError');
          assert.equal(error.section, 'trace_tree');
          assert.ok(error.offset !== undefined && error.offset >= start && error.offset <= end);
          if (at !== undefined) assert.equal(error.offset, at);
          return true;
        });
        const run = await heapdot(['info', path, '--no-progress']);
        assert.equal(run.code, 2);
        assert.equal(run.stdout, '');
        const lines = run.stderr.trimEnd().split('\n');
        assert.equal(lines.length, 1, run.stderr);
        assert.ok(lines[0].includes(path));
        assert.match(lines[0], pattern);
        assert.match(lines[0], /section trace_tree, byte \d+$/);
      });
    }
  });
});

describe('a snapshot taken without allocation tracking', () => {
  it('has no allocation stacks', async () => {
    const graph = await readSnapshot(untracked);
    assert.equal(graph.allocationTraces, undefined);
    assert.ok(graph.nodeCount > 1000);
  });
});

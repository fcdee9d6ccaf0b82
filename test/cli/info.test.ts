import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { heapdot, heapdotProcess } from '../helpers/cli.js';
import { loadJson } from '../helpers/rewrite.js';
import { shapedSnapshot } from '../helpers/snapshots.js';

const path = shapedSnapshot('shaped-heap.mjs');

describe('heapdot info', () => {
  it('reports the variant, counts, roots and the most common classes as JSON', async () => {
    const run = await heapdot(['info', path, '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const info = JSON.parse(run.stdout);
    const header = JSON.parse(
      readFileSync(path, 'utf8').split('\n"nodes"')[0].slice('{"snapshot":'.length, -1),
    );
    assert.equal(info.nodeCount, header.node_count);
    assert.equal(info.edgeCount, header.edge_count);
    assert.equal(info.fileBytes, readFileSync(path).length);
    assert.equal(info.gzip, false);
    assert.deepEqual(info.variant.nodeFields, header.meta.node_fields);
    assert.deepEqual(info.variant.sections.slice(0, 3), ['snapshot', 'nodes', 'edges']);
    // The layout as the file has it: Node 20 writes 7 node fields, newer V8 6 (no trace_node_id).
    const layout = header.meta.node_fields as string[];
    const traced = layout.includes('trace_node_id') ? 'with' : 'no';
    assert.match(info.variant.layout, new RegExp(`${layout.length} node fields; ${traced} trace_node_id`));
    assert.deepEqual(
      info.userRoots.map((root: { name: string }) => root.name),
      ['global'],
    );
    const categories = info.gcRoots.map((root: { name: string }) => root.name);
    assert.ok(
      categories.includes('(Strong roots)') && categories.includes('(Handle scope)'),
      categories.join(),
    );
    // Each category holds as many objects as its node has edges in the file (Node 20 names two
    // categories `(Strong roots)`, one of them empty; Node 24 one, empty).
    const json = loadJson(path);
    const fields = json.snapshot.meta.node_fields;
    const edgeCounts = new Map<string, number[]>();
    for (let i = 0; i < json.nodes.length; i += fields.length) {
      const name = json.strings[json.nodes[i + fields.indexOf('name')]];
      const counts = edgeCounts.get(name) ?? [];
      counts.push(json.nodes[i + fields.indexOf('edge_count')]);
      edgeCounts.set(name, counts);
    }
    for (const root of info.gcRoots as { name: string; objects: number }[])
      assert.ok(edgeCounts.get(root.name)?.includes(root.objects), `${root.name}: ${root.objects} objects`);
    assert.ok(info.gcRoots.some((root: { objects: number }) => root.objects > 0));
    assert.equal(info.topClasses.length, 10);
    for (let i = 1; i < info.topClasses.length; i++)
      assert.ok(info.topClasses[i - 1].count >= info.topClasses[i].count);
    assert.ok(info.totalSelfSize > 1_000_000);
  });

  it('prints a readable summary as text', async () => {
    const run = await heapdot(['info', path]);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^nodes: +[\d,]+$/m);
    assert.match(run.stdout, /user roots \(1\):\n {2}@\d+ {2}global/);
    assert.match(run.stdout, /most common classes \(top 10\):/);
  });

  it('reads standard input when the snapshot is -', () => {
    const run = heapdotProcess(['info', '-', '--format', 'json'], {
      input: readFileSync('samples/after.heapsnapshot.gz'),
    });
    assert.equal(run.code, 0, run.stderr);
    const info = JSON.parse(run.stdout);
    assert.equal(info.file, '-');
    assert.equal(info.gzip, true);
    assert.ok(info.nodeCount > 10000);
  });
});

describe('progress while reading', () => {
  it('shows bytes read on a terminal, and clears its line', async () => {
    const run = await heapdot(['info', path, '--format', 'json'], { tty: true });
    assert.match(run.stderr, /reading .*\d+% +[\d.]+ MB of [\d.]+ MB +[\d.]+ MB\/s/);
    assert.ok(run.stderr.endsWith('\r\x1b[K'));
  });

  it('is off with --no-progress, with --quiet, and when standard error is not a terminal', async () => {
    assert.equal((await heapdot(['info', path, '--no-progress'], { tty: true })).stderr, '');
    assert.equal((await heapdot(['info', path, '--quiet'], { tty: true })).stderr, '');
    assert.equal((await heapdot(['info', path])).stderr, '');
  });
});

describe('inputs that are not regular files', () => {
  it('reads a named pipe (FIFO) as a stream', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'heapdot-fifo-'));
    const fifo = join(directory, 'snapshot.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', 'cat "$0" > "$1"', 'samples/after.heapsnapshot.gz', fifo]);
    const run = await heapdot(['info', fifo, '--format', 'json']);
    writer.kill();
    assert.equal(run.code, 0, run.stderr);
    const info = JSON.parse(run.stdout);
    assert.equal(info.gzip, true);
    assert.ok(info.nodeCount > 10000);
  });
});

describe('outputs are checked before the snapshot is read', () => {
  it('refuses an output it cannot write without reading (the missing snapshot is never opened)', async () => {
    const missing = join(tmpdir(), 'heapdot-no-such-snapshot.heapsnapshot');
    const unknown = await heapdot(['chain', missing, 'X', '-o', 'out.unknown']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /cannot tell the format of out\.unknown/);
    const markdown = await heapdot(['find', missing, 'X', '-o', 'out.md']);
    assert.equal(markdown.code, 2);
    assert.match(markdown.stderr, /does not write markdown/);
  });
});

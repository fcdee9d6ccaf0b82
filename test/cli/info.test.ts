import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { heapdot, heapdotProcess } from '../helpers/cli.js';
import { loadJson } from '../helpers/rewrite.js';
import { runtime } from '../helpers/runtimes.js';
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
    // What the file shows, read from its header here too (Node 20 and 24 differ), never who wrote it.
    const trace = header.meta.node_fields.includes('trace_node_id') ? 'with' : 'no';
    assert.equal(
      info.variant.layout,
      `${header.meta.node_fields.length} node fields, ${trace} trace_node_id`,
    );
    assert.deepEqual(
      info.userRoots.map((root: { name: string }) => root.name),
      ['global'],
    );
    const categories = info.gcRoots.map((root: { name: string }) => root.name);
    assert.ok(
      categories.includes('(Strong roots)') && categories.includes('(Handle scope)'),
      categories.join(),
    );
    // Each category holds as many objects as its node has edges in the file, in the file's order.
    const json = loadJson(path);
    const fields = json.snapshot.meta.node_fields;
    const edgeFields = json.snapshot.meta.edge_fields;
    const at = (node: number, field: string) => json.nodes[node * fields.length + fields.indexOf(field)];
    let firstEdge = 0;
    const edgesOf: number[] = [];
    for (let node = 0; node * fields.length < json.nodes.length; node++) {
      edgesOf.push(firstEdge);
      firstEdge += at(node, 'edge_count');
    }
    const childrenOf = (node: number) =>
      Array.from(
        { length: at(node, 'edge_count') },
        (_, i) =>
          json.edges[(edgesOf[node] + i) * edgeFields.length + edgeFields.indexOf('to_node')] / fields.length,
      );
    const gcRoots = childrenOf(0).find((node) => json.strings[at(node, 'name')] === '(GC roots)')!;
    assert.deepEqual(
      info.gcRoots.map((root: { name: string; objects: number }) => [root.name, root.objects]),
      childrenOf(gcRoots).map((node) => [json.strings[at(node, 'name')], at(node, 'edge_count')]),
    );
    assert.ok(info.gcRoots.some((root: { objects: number }) => root.objects > 0));
    assert.equal(info.topClasses.length, 10);
    for (let i = 1; i < info.topClasses.length; i++)
      assert.ok(info.topClasses[i - 1].count >= info.topClasses[i].count);
    assert.ok(info.totalSelfSize > 1_000_000);
  });

  it('lists the GC root categories that hold objects, and counts the empty ones', async () => {
    const info = JSON.parse((await heapdot(['info', path, '--format', 'json'])).stdout);
    const held = info.gcRoots.filter((root: { objects: number }) => root.objects > 0);
    const empty = info.gcRoots.length - held.length;
    assert.ok(held.length > 3 && empty > 3, `${held.length} held, ${empty} empty`);
    assert.equal(info.gcRootObjects, 0);
    const text = (await heapdot(['info', path])).stdout;
    assert.match(
      text,
      new RegExp(
        `^GC roots: ${held.length} categories hold objects; ${empty} empty categories not listed$`,
        'm',
      ),
    );
    const table = text.split('GC roots:')[1].split('\n\n')[0].split('\n').slice(2);
    assert.deepEqual(
      table.map((line) => line.trim().split(/ {2,}/)),
      held.map((root: { name: string; objects: number }) => [
        root.name,
        root.objects.toLocaleString('en-US'),
      ]),
    );
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

describe('heapdot info on a Bun snapshot', () => {
  const bun = shapedSnapshot('bun-heap.mjs', [], runtime('bun'));

  it('summarises the objects (GC roots) holds directly in one line, and guesses no producer', async () => {
    const json = loadJson(bun);
    const fields = json.snapshot.meta.node_fields;
    const at = (field: string, node: number) => json.nodes[node * fields.length + fields.indexOf(field)];
    // (GC roots) is the root's first child here; its edges are the objects it holds.
    let gcRoots = -1;
    for (let node = 0; node * fields.length < json.nodes.length && gcRoots === -1; node++)
      if (json.strings[at('name', node)] === '(GC roots)') gcRoots = node;
    assert.ok(gcRoots > 0);
    const held = at('edge_count', gcRoots);
    assert.ok(held > 100, `${held} objects`);
    const info = JSON.parse((await heapdot(['info', bun, '--format', 'json'])).stdout);
    assert.deepEqual([info.gcRoots, info.gcRootObjects], [[], held]);
    const run = await heapdot(['info', bun]);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.split('\n');
    assert.deepEqual(
      lines.filter((line) => line.startsWith('GC roots')),
      [`GC roots: ${held.toLocaleString('en-US')} objects held directly, no categories`],
    );
    assert.ok(lines.length < 40, `${lines.length} lines`);
    const trace = fields.includes('trace_node_id') ? 'with' : 'no';
    assert.match(
      run.stdout,
      new RegExp(`^format: +${fields.length} node fields, ${trace} trace_node_id$`, 'm'),
    );
    assert.doesNotMatch(run.stdout, /Node \d|Chromium|\bBun\b|Deno|writes it/);
    const found = JSON.parse(
      (await heapdot(['find', bun, 'BunHeld', '--format', 'json', '--limit', '1000'])).stdout,
    );
    assert.equal(found.length, 500);
  });
});

describe('progress while reading', () => {
  it('shows bytes read on a terminal, and clears its line', async () => {
    const run = await heapdot(['info', path, '--format', 'json'], { tty: true });
    // Binary units, as every other size heapdot prints.
    assert.match(run.stderr, /reading .*\d+% +[\d.]+ [KM]iB of [\d.]+ MiB +[\d.]+ [KMG]iB\/s/);
    assert.doesNotMatch(run.stderr, /\bMB\b/);
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

  it('refuses an output whose folder is missing, is a file, or that is a folder, without reading', async () => {
    const missing = join(tmpdir(), 'heapdot-no-such-snapshot.heapsnapshot');
    const directory = mkdtempSync(join(tmpdir(), 'heapdot-outputs-'));
    const file = join(directory, 'file.txt');
    writeFileSync(file, 'x');
    const folderNamedJson = join(directory, 'out.json');
    mkdirSync(folderNamedJson);
    const cases: [string[], RegExp][] = [
      [
        ['chain', missing, 'X', '-o', join(directory, 'nodir', 'x.png')],
        /x\.png: its folder .*nodir does not exist/,
      ],
      [
        ['find', missing, 'X', '-o', join(directory, 'nodir', 'x.json')],
        /x\.json: its folder .*nodir does not exist/,
      ],
      [['diff', missing, missing, '-o', join(file, 'x.csv')], /x\.csv: .*file\.txt is not a folder/],
      [['info', missing, '-o', '-', '-o', folderNamedJson], /: it is a folder/],
      [['graphs', missing, 'X', '--out-dir', join(file, 'out')], /out: .*file\.txt is not a folder/],
    ];
    for (const [args, message] of cases) {
      const run = await heapdot(args);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
      assert.equal(run.stderr.split('\n').length, 2, run.stderr);
      assert.doesNotMatch(run.stderr, /no-such-snapshot/);
    }
  });
});

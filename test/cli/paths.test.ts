import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { renderDot } from '../../src/output/image.js';
import type { PathsNodeJson } from '../../src/view/json/pathsJson.js';
import { heapdot } from '../helpers/cli.js';
import { shapedSnapshot } from '../helpers/snapshots.js';
import { svgTexts } from '../render/svgText.js';

function child(node: PathsNodeJson, edge: string | number, name: string): PathsNodeJson {
  const found = node.children.find((step) => step.edge?.name === edge && step.name === name);
  assert.ok(found, `no step --${edge}--> ${name} under ${node.name}`);
  return found;
}

describe('heapdot paths', () => {
  let snapshot: string;
  before(() => {
    snapshot = shapedSnapshot('paths-heap.mjs');
  });

  it('JSON: 60 objects leaking through one array and 1 through a Map, 61 at the root', async () => {
    const run = await heapdot(['paths', snapshot, 'LeakedRequest', '--raw', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const root: PathsNodeJson = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(root).slice(0, 4), ['name', 'edge', 'count', 'retainedSize']);
    assert.deepEqual([root.name, root.edge, root.count], ['(root)', null, 61]);
    const global = root.children.find((step) => step.name === 'global');
    assert.ok(global);
    const array = child(child(global, 'pending', 'Object'), 'requests', 'Array');
    assert.equal(array.count, 60);
    assert.equal(array.children.length, 1);
    const [requests] = array.children;
    assert.deepEqual([requests.name, requests.count, requests.edge?.type], ['LeakedRequest', 60, 'element']);
    assert.deepEqual(requests.indexes, [0, 59]);
    const map = child(global, 'lookup', 'Map');
    assert.equal(map.count, 1);
    assert.equal(map.children[0].children[0].name, 'LeakedRequest');
    assert.equal(map.children[0].children[0].count, 1);
    assert.equal(root.retainedSize, array.retainedSize + map.retainedSize);
  });

  it('text: one line per step, count and retained size first, indented by depth', async () => {
    const run = await heapdot(['paths', snapshot, 'LeakedRequest', '--raw']);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^merged paths to LeakedRequest in .*: 61 objects$/);
    assert.match(lines[1], /^count +retained +path$/);
    assert.match(lines[2], /^ +61 +[\d.]+ (B|KiB) {2}\(root\)$/);
    assert.ok(
      lines.some((line) =>
        /^ +60 .*--\[0…59\] \(element\)---> {2}LeakedRequest 60 objects, e\.g\. @\d+$/.test(line),
      ),
    );
    assert.ok(lines.some((line) => /^ +1 .*--lookup \(property\)---> {2}Map @\d+$/.test(line)));
  });

  it('--top and --min-count fold the smaller branches into "N more"', async () => {
    const run = await heapdot(['paths', snapshot, 'LeakedRequest', '--raw', '--min-count', '2']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^ +1 .* 1 more$/m);
    assert.doesNotMatch(run.stdout, /Map/);
    const top = await heapdot([
      'paths',
      snapshot,
      'LeakedRequest',
      '--raw',
      '--top',
      '1',
      '--format',
      'json',
    ]);
    const root: PathsNodeJson = JSON.parse(top.stdout);
    assert.deepEqual(
      root.children[0].children.map((step) => [step.kind, step.count]),
      [
        ['object', 60],
        ['more', 1],
      ],
    );
  });

  it('DOT: a top-down tree that WASM Graphviz lays out, edge widths by count', async () => {
    const run = await heapdot(['paths', snapshot, 'LeakedRequest', '--raw', '--format', 'dot']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^digraph "paths" \{/);
    assert.match(run.stdout, /rankdir = "TB"/);
    const widths = [...run.stdout.matchAll(/penwidth = ([\d.]+);\n {4}arrowsize/g)].map((match) =>
      Number(match[1]),
    );
    assert.ok(widths.length >= 6, run.stdout);
    assert.ok(Math.max(...widths) > Math.min(...widths), 'the 60 branch is wider than the 1 branch');
    const svg = new TextDecoder().decode(await renderDot(run.stdout, 'svg', { dotPath: null }));
    // Edge labels start with no-break spaces that keep them off thick arrows.
    const texts = svgTexts(svg).map((text) => text.replace(/^\u00a0+/, ''));
    assert.ok(texts.includes('LeakedRequest'));
    assert.ok(texts.includes('[0…59]'));
    assert.ok(texts.some((text) => /^61 matches · retained \d/.test(text)));
  });

  it('is deterministic: the same bytes twice, in every format', async () => {
    for (const format of ['text', 'dot', 'json']) {
      const args = ['paths', snapshot, 'LeakedRequest', '--format', format];
      const [first, second] = [await heapdot(args), await heapdot(args)];
      assert.equal(first.stdout, second.stdout, format);
    }
  });

  it('exits 1 when nothing matches', async () => {
    const run = await heapdot(['paths', snapshot, 'NoSuchClass']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /no object matches NoSuchClass/);
  });
});

describe('heapdot paths, the user view (default)', () => {
  let snapshot: string;
  before(() => {
    snapshot = shapedSnapshot('paths-heap.mjs');
  });

  /** The tree as [edge type, edge name, class, count] rows, depth first. */
  function rows(node: PathsNodeJson, depth = 0, out: string[] = []): string[] {
    out.push(`${depth} ${node.edge ? `${node.edge.type} ${node.edge.name} ` : ''}${node.name} ${node.count}`);
    for (const step of node.children) rows(step, depth + 1, out);
    return out;
  }

  it('merges the user chains from their anchors: indexes and Map keys merged, no backing store or table', async () => {
    const run = await heapdot(['paths', snapshot, 'LeakedRequest', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const root: PathsNodeJson = JSON.parse(run.stdout);
    assert.deepEqual(rows(root), [
      '0 (root) 61',
      '1 global globalThis.pending Object 60',
      '2 step .requests Array 60',
      '3 step [*] LeakedRequest 60',
      '1 global globalThis.lookup Map 1',
      '2 step .get(*) LeakedRequest 1',
    ]);
    const raw: PathsNodeJson = JSON.parse(
      (await heapdot(['paths', snapshot, 'LeakedRequest', '--raw', '--format', 'json'])).stdout,
    );
    assert.equal(root.retainedSize, raw.retainedSize, 'the same matches, the same retained size');
  });

  it('--ignore leaves a retainer out: its matches are unreachable, the rest as before', async () => {
    const first: PathsNodeJson = JSON.parse(
      (await heapdot(['paths', snapshot, 'LeakedRequest', '--format', 'json'])).stdout,
    );
    const map = first.children.find((step) => step.name === 'Map');
    assert.ok(map?.example);
    const run = await heapdot([
      'paths',
      snapshot,
      'LeakedRequest',
      '--ignore',
      `@${map.example}`,
      '--format',
      'json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const rowsLeft = rows(JSON.parse(run.stdout));
    assert.ok(!rowsLeft.some((row) => row.includes('Map')), rowsLeft.join('\n'));
    assert.ok(rowsLeft.includes('1 (unreachable) 1'), rowsLeft.join('\n'));
    assert.match(
      run.stderr,
      new RegExp(`^paths: left out: @${map.example} \\(1 object\\); what only they hold is unreachable\n$`),
    );
    const raw = rows(
      JSON.parse(
        (
          await heapdot([
            'paths',
            snapshot,
            'LeakedRequest',
            '--raw',
            '--ignore',
            `@${map.example}`,
            '--format',
            'json',
          ])
        ).stdout,
      ),
    );
    assert.ok(raw.includes('1 (unreachable) 1'), raw.join('\n'));
  });
});

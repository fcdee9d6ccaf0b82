import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { renderDot } from '../../src/render/image.js';
import type { PathsNodeJson } from '../../src/render/pathsJson.js';
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
    const run = await heapdot(['paths', snapshot, 'LeakedRequest', '--format', 'json']);
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
    const run = await heapdot(['paths', snapshot, 'LeakedRequest']);
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
    const run = await heapdot(['paths', snapshot, 'LeakedRequest', '--min-count', '2']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^ +1 .* 1 more$/m);
    assert.doesNotMatch(run.stdout, /Map/);
    const top = await heapdot(['paths', snapshot, 'LeakedRequest', '--top', '1', '--format', 'json']);
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
    const run = await heapdot(['paths', snapshot, 'LeakedRequest', '--format', 'dot']);
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

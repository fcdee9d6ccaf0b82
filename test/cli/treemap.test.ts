import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  computeDominators,
  type Dominators,
  dominatorTree,
  type HeapGraph,
  matchTarget,
  parseTarget,
  readSnapshot,
} from '../../src/index.js';
import { heapdot } from '../helpers/cli.js';
import { shapedSnapshot } from '../helpers/snapshots.js';
import { svgElements } from '../helpers/svgElements.js';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

interface SvgBox {
  kind: string;
  id?: number;
  depth: number;
  size: number;
  area: number;
}

/** The boxes of a treemap SVG (each a `rect` directly in a `g` that carries its data), checked well-formed. */
function parseTreemapSvg(svg: string): SvgBox[] {
  return svgElements(svg)
    .filter((element) => element.name === 'rect' && element.parent?.name === 'g')
    .map(({ attributes, parent }) => {
      const data = parent!.attributes;
      return {
        kind: data['data-kind'],
        id: data['data-id'] === undefined ? undefined : Number(data['data-id']),
        depth: Number(data['data-depth']),
        size: Number(data['data-size']),
        area: Number(attributes.width) * Number(attributes.height),
      };
    });
}

/** The immediately dominated children of `ordinal`, largest retained size first. */
function dominatedBySize(graph: HeapGraph, dominators: Dominators, ordinal: number): number[] {
  const tree = dominatorTree(graph, dominators);
  const children = Array.from(tree.children.subarray(tree.firstChild[ordinal], tree.firstChild[ordinal + 1]));
  return children.sort((a, b) => dominators.retainedSize[b] - dominators.retainedSize[a]);
}

describe('heapdot treemap', () => {
  let snapshot: string;
  let graph: HeapGraph;
  let dominators: Dominators;
  let dir: string;
  before(async () => {
    snapshot = shapedSnapshot('paths-heap.mjs');
    graph = await readSnapshot(snapshot);
    dominators = computeDominators(graph);
    dir = mkdtempSync(join(tmpdir(), 'heapdot-treemap-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a valid SVG whose largest box is the largest retainer', async () => {
    const file = join(dir, 'map.svg');
    const run = await heapdot(['treemap', snapshot, '-o', file]);
    assert.equal(run.code, 0, run.stderr);
    const boxes = parseTreemapSvg(readFileSync(file, 'utf8'));
    const root = boxes.find((box) => box.depth === 0);
    assert.deepEqual(
      [root?.id, root?.size],
      [graph.nodeId[graph.rootOrdinal], dominators.retainedSize[graph.rootOrdinal]],
    );
    const top = boxes.filter((box) => box.depth === 1).sort((a, b) => b.area - a.area)[0];
    const [largest] = dominatedBySize(graph, dominators, graph.rootOrdinal);
    assert.equal(top.id, graph.nodeId[largest]);
    assert.equal(top.size, dominators.retainedSize[largest]);
    // And in the whole picture, no object box outsizes its parent's largest child.
    assert.ok(boxes.filter((box) => box.depth === 1).every((box) => box.size <= top.size));
  });

  it('of a target: its largest dominated object gets the largest box', async () => {
    const run = await heapdot(['treemap', snapshot, 'BigCache', '--format', 'svg']);
    assert.equal(run.code, 0, run.stderr);
    const boxes = parseTreemapSvg(run.stdout);
    const [cache] = matchTarget(graph, parseTarget('BigCache'));
    const root = boxes.find((box) => box.depth === 0);
    assert.equal(root?.id, graph.nodeId[cache]);
    const children = boxes.filter((box) => box.depth === 1);
    const top = children.sort((a, b) => b.area - a.area)[0];
    const [large, medium, small] = dominatedBySize(graph, dominators, cache);
    assert.equal(top.id, graph.nodeId[large]);
    // The three arrays of 200000, 50000 and 10000 numbers, in that order of area.
    assert.deepEqual(
      children.filter((box) => box.kind === 'object').map((box) => box.id),
      [large, medium, small].map((ordinal) => graph.nodeId[ordinal]),
    );
  });

  it('writes a PNG (via resvg) of the requested size', async () => {
    const file = join(dir, 'map.png');
    const run = await heapdot(['treemap', snapshot, '-o', file, '--width', '600', '--height', '400']);
    assert.equal(run.code, 0, run.stderr);
    const png = readFileSync(file);
    assert.deepEqual([...png.subarray(0, 8)], PNG_MAGIC);
    assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [600, 400]);
  });

  it('--format json gives the boxes: children add up to their parent, within the picture', async () => {
    const run = await heapdot(['treemap', snapshot, '--format', 'json', '--depth', '2']);
    assert.equal(run.code, 0, run.stderr);
    const picture = JSON.parse(run.stdout);
    assert.deepEqual([picture.width, picture.height], [1200, 800]);
    const { boxes } = picture;
    assert.equal(boxes[0].size, dominators.retainedSize[graph.rootOrdinal]);
    assert.ok(boxes.every((box: { depth: number }) => box.depth <= 2));
    // Pre-order: a box's children follow it; their sizes add up to its own.
    for (let i = 0; i < boxes.length; i++) {
      if (!boxes[i].nested) continue;
      let total = 0;
      for (let j = i + 1; j < boxes.length && boxes[j].depth > boxes[i].depth; j++)
        if (boxes[j].depth === boxes[i].depth + 1) total += boxes[j].size;
      assert.ok(Math.abs(total - boxes[i].size) < 1, `${boxes[i].name}: ${total} vs ${boxes[i].size}`);
    }
    for (const box of boxes) {
      assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= 1200 && box.y + box.height <= 800);
    }
  });

  it("draws no box of V8's own classes unless --all: the objects they dominate take their place", async () => {
    const names = async (...extra: string[]) => {
      const run = await heapdot(['treemap', snapshot, '--format', 'json', '--depth', '2', ...extra]);
      assert.equal(run.code, 0, run.stderr);
      return (JSON.parse(run.stdout).boxes as { name: string; kind: string }[])
        .filter((box) => box.kind === 'object')
        .map((box) => box.name);
    };
    const internal = (name: string) =>
      /^(\(system\)|\(array\)|\(compiled code\)|\(GC roots\)|system \/ )/.test(name);
    const user = await names();
    const all = await names('--all');
    assert.ok(all.some(internal), all.join(', '));
    assert.deepEqual(user.filter(internal), []);
    assert.ok(user.length > 1);
  });

  it('is deterministic: the same SVG bytes twice', async () => {
    const args = ['treemap', snapshot, '--format', 'svg'];
    assert.equal((await heapdot(args)).stdout, (await heapdot(args)).stdout);
  });

  it('prints the boxes as text by default; refuses formats it does not draw', async () => {
    const run = await heapdot(['treemap', snapshot, '--depth', '1']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /^treemap of \(root\) @\d+ in .*\n *retained {2}box\n +[\d.]+ MiB {2}\(root\) @\d+\n/,
    );
    const pdf = await heapdot(['treemap', snapshot, '-o', join(dir, 'map.pdf')]);
    assert.equal(pdf.code, 2);
    assert.match(pdf.stderr, /draws SVG and PNG, not PDF/);
    const missing = await heapdot(['treemap', snapshot, 'NoSuchClass']);
    assert.equal(missing.code, 1);
  });
});

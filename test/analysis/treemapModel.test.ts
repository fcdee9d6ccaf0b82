import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  computeDominators,
  dominatorTree,
  isV8InternalClass,
  readSnapshot,
  type TreemapItem,
  treemapModel,
} from '../../src/index.js';
import { devToolsSnapshot } from '../helpers/devtools.js';
import { shapedSnapshot } from '../helpers/snapshots.js';

// global -> vault -> chest -> a 1,000,000-byte ArrayBuffer; common -> two Holders of one Shared
// object (300,000 bytes): neither Holder dominates it, common does (test/fixtures/dominator-heap.mjs).
const path = shapedSnapshot('dominator-heap.mjs');

function* items(item: TreemapItem): Generator<TreemapItem> {
  yield item;
  for (const child of item.children) yield* items(child);
}

describe('treemapModel', async () => {
  const graph = await readSnapshot(path);
  const dominators = computeDominators(graph);
  const tree = dominatorTree(graph, dominators);
  const only = (className: string) => {
    for (let node = 0; node < graph.nodeCount; node++) if (graph.className(node) === className) return node;
    throw new Error(`no ${className}`);
  };

  it('from the vault: its chest is the one box inside, holding the 1,000,000 bytes', () => {
    const model = treemapModel(graph, dominators, tree, only('Vault'));
    assert.equal(model.fromSnapshotRoot, false);
    assert.equal(model.root.name, 'Vault');
    const objects = model.root.children.filter((child) => child.kind === 'object');
    assert.deepEqual(
      objects.map((child) => child.name),
      ['Chest'],
    );
    assert.ok(objects[0].size >= 1_000_000);
    assert.ok(model.root.size >= objects[0].size);
  });

  it('from common: the shared object is its box (no holder dominates it); the small holders fold into "N more"', () => {
    const model = treemapModel(graph, dominators, tree, only('Common'));
    const [first, ...rest] = model.root.children;
    assert.equal(first.name, 'Shared');
    assert.ok(first.size >= 300_000);
    const more = rest.find((child) => child.kind === 'rest' && (child.folded ?? 0) > 0);
    assert.ok(more, 'a rest box of folded objects');
    assert.ok((more.folded ?? 0) >= 2);
    // The rest box names its largest classes, largest first, within its own size.
    const classes = more.breakdown?.classes ?? [];
    assert.ok(classes.length > 0);
    for (let i = 1; i < classes.length; i++) assert.ok(classes[i - 1].size >= classes[i].size);
    assert.ok(classes.reduce((sum, entry) => sum + entry.size, 0) <= more.size);
    assert.ok(
      model.root.children.every((child) => child.name !== 'Holder'),
      'each Holder is too small for a box',
    );
  });

  it('every expanded box is split into children that add up to it, largest first; depth bounds the levels', () => {
    const model = treemapModel(graph, dominators, tree, graph.rootOrdinal, { depth: 3 });
    assert.equal(model.fromSnapshotRoot, true);
    const levels = (item: TreemapItem): number => 1 + Math.max(0, ...item.children.map(levels));
    assert.ok(levels(model.root) <= 4);
    for (const item of items(model.root)) {
      if (item.children.length === 0) continue;
      const sum = item.children.reduce((total, child) => total + child.size, 0);
      assert.ok(Math.abs(sum - item.size) <= 0.5, `${item.name}: ${sum} of ${item.size}`);
      const objects = item.children.filter((child) => child.kind === 'object');
      for (let i = 1; i < objects.length; i++) assert.ok(objects[i - 1].size >= objects[i].size);
    }
    assert.equal(levels(treemapModel(graph, dominators, tree, graph.rootOrdinal, { depth: 1 }).root), 2);
  });

  it("no box of V8's own classes unless all; with all they are boxes", () => {
    const user = treemapModel(graph, dominators, tree, graph.rootOrdinal);
    const objects = [...items(user.root)].filter((item) => item.kind === 'object').slice(1);
    assert.ok(objects.length > 0);
    assert.ok(objects.every((item) => !isV8InternalClass(item.name)));
    const all = treemapModel(graph, dominators, tree, graph.rootOrdinal, { all: true });
    assert.ok([...items(all.root)].some((item) => item.kind === 'object' && isV8InternalClass(item.name)));
  });

  it("every object box's size is DevTools' retained size of that object", async () => {
    const devtools = await devToolsSnapshot(path);
    const model = treemapModel(graph, dominators, tree, graph.rootOrdinal, { depth: 4, minShare: 0.001 });
    let compared = 0;
    for (const item of items(model.root)) {
      if (item.kind !== 'object' || item.id === undefined) continue;
      compared++;
      assert.equal(item.size, devtools.retainedSizes[graph.ordinalOfId(item.id)], item.name);
    }
    assert.ok(compared > 5);
  });
});

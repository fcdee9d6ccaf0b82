import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { NO_DISTANCE } from '../../src/analysis/distances.js';
import type { PathsTreeNode } from '../../src/analysis/pathsTypes.js';
import {
  computeDistances,
  computeDominators,
  type Distances,
  type Dominators,
  type HeapGraph,
  matchTarget,
  parseTarget,
  pathsTree,
  readSnapshot,
} from '../../src/index.js';
import { shapedSnapshot } from '../helpers/snapshots.js';

/** The child reached through the edge named `edge` (any type) whose class is `name`. */
function step(node: PathsTreeNode, edge: string, name: string): PathsTreeNode {
  const found = node.children.find((child) => child.edge?.name === edge && child.name === name);
  assert.ok(found, `no step --${edge}--> ${name} under ${node.name}`);
  return found;
}

/** The only child whose class is `name`. */
function onlyChild(node: PathsTreeNode, name: string): PathsTreeNode {
  const found = node.children.filter((child) => child.name === name);
  assert.equal(found.length, 1, `${name} under ${node.name}`);
  return found[0];
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

describe('pathsTree', () => {
  let graph: HeapGraph;
  let distances: Distances;
  let dominators: Dominators;
  let matches: Uint32Array;
  before(async () => {
    graph = await readSnapshot(shapedSnapshot('paths-heap.mjs'));
    distances = computeDistances(graph);
    dominators = computeDominators(graph);
    matches = matchTarget(graph, parseTarget('LeakedRequest'));
  });

  it('of 60 objects leaking through one array and 1 through a Map: counts 60 and 1, the root 61', () => {
    const tree = pathsTree(graph, distances, dominators, matches);
    assert.equal(tree.matched, 61);
    assert.equal(tree.unreachable, 0);
    assert.equal(tree.root.kind, 'root');
    assert.equal(tree.root.count, 61);
    const global = onlyChild(tree.root, 'global');
    assert.equal(global.count, 61);
    const array = step(step(global, 'pending', 'Object'), 'requests', 'Array');
    assert.equal(array.count, 60);
    assert.equal(array.children.length, 1, 'the 60 element edges merge into one step');
    const requests = array.children[0];
    assert.deepEqual([requests.name, requests.count, requests.matched], ['LeakedRequest', 60, 60]);
    const map = step(global, 'lookup', 'Map');
    assert.equal(map.count, 1);
    const table = onlyChild(map, '(array)');
    assert.deepEqual([table.children[0].name, table.children[0].count], ['LeakedRequest', 1]);
    // Largest count first.
    assert.deepEqual(
      global.children.map((child) => child.count),
      [60, 1],
    );
  });

  it('merges element edges whatever their index, keeping one real index and the range', () => {
    const tree = pathsTree(graph, distances, dominators, matches);
    const array = step(step(onlyChild(tree.root, 'global'), 'pending', 'Object'), 'requests', 'Array');
    const requests = array.children[0];
    assert.equal(requests.edge?.type, 'element');
    assert.equal(typeof requests.edge?.name, 'number');
    assert.deepEqual(requests.indexRange, [0, 59]);
    assert.ok((requests.edge?.name as number) >= 0 && (requests.edge?.name as number) <= 59);
    assert.equal(requests.objects, 60);
    assert.equal(array.objects, 1, 'one array');
  });

  it("carries the matched objects' retained sizes from computeDominators", () => {
    const tree = pathsTree(graph, distances, dominators, matches);
    const retained = (ordinals: Iterable<number>) =>
      sum(Array.from(ordinals, (o) => dominators.retainedSize[o]));
    assert.equal(tree.root.retainedSize, retained(matches));
    const global = onlyChild(tree.root, 'global');
    const [throughArray, throughMap] = global.children;
    const inMap = graph.ordinalOfId(onlyChild(onlyChild(throughMap, '(array)'), 'LeakedRequest').exampleId!);
    assert.equal(throughMap.retainedSize, dominators.retainedSize[inMap]);
    assert.equal(throughArray.retainedSize, retained(Array.from(matches).filter((o) => o !== inMap)));
    assert.ok(throughArray.retainedSize > 0 && throughMap.retainedSize > 0);
  });

  it('counts a match inside another match only once (a dominated match adds no retained size)', () => {
    const both = matchTarget(graph, parseTarget('/^(LeakedRequest|Array)$/'));
    const tree = pathsTree(graph, distances, dominators, both, { top: 1000 });
    const array = step(step(onlyChild(tree.root, 'global'), 'pending', 'Object'), 'requests', 'Array');
    const arrayOrdinal = graph.ordinalOfId(array.exampleId!);
    assert.equal(array.matched, 1);
    assert.equal(array.retainedSize, dominators.retainedSize[arrayOrdinal]);
    assert.equal(array.children[0].retainedSize, 0, 'the array already retains its 60 requests');
    assert.equal(array.count, 61, 'but each is still counted');
  });

  it('--top keeps the K largest children and folds the rest into "N more" with their totals', () => {
    const tree = pathsTree(graph, distances, dominators, matches, { top: 1 });
    const global = onlyChild(tree.root, 'global');
    assert.deepEqual(
      global.children.map((child) => [child.kind, child.name, child.count]),
      [
        ['object', 'Object', 60],
        ['more', '1 more', 1],
      ],
    );
    assert.equal(global.children[1].folded, 1);
    assert.equal(global.children[1].edge, null);
    assert.equal(tree.root.count, 61);
  });

  it('--min-count folds the steps reached by fewer matches', () => {
    const tree = pathsTree(graph, distances, dominators, matches, { minCount: 2 });
    const global = onlyChild(tree.root, 'global');
    assert.deepEqual(
      global.children.map((child) => [child.kind, child.count]),
      [
        ['object', 60],
        ['more', 1],
      ],
    );
    const tooMany = pathsTree(graph, distances, dominators, matches, { minCount: 62 });
    assert.deepEqual(
      tooMany.root.children.map((child) => [child.kind, child.count]),
      [['more', 61]],
    );
  });

  it('counts matches no strong path reaches under a top-level "(unreachable)"', () => {
    const [lost] = matches;
    const raw = Int32Array.from(distances.raw);
    raw[lost] = NO_DISTANCE;
    const tree = pathsTree(graph, { ...distances, raw }, dominators, matches);
    assert.equal(tree.root.count, 61);
    assert.equal(tree.unreachable, 1);
    const last = tree.root.children.at(-1)!;
    assert.deepEqual(
      [last.kind, last.name, last.count, last.edge],
      ['unreachable', '(unreachable)', 1, null],
    );
    assert.equal(last.retainedSize, dominators.retainedSize[lost]);
    assert.equal(onlyChild(tree.root, 'global').count, 60);
  });

  it('is deterministic, and does not depend on the order of the matches', () => {
    const first = pathsTree(graph, distances, dominators, matches);
    const reversed = pathsTree(graph, distances, dominators, Array.from(matches).reverse());
    assert.deepEqual(reversed, first);
    assert.deepEqual(pathsTree(graph, distances, dominators, matches), first);
  });

  it("every step's count is its matches plus its children's counts", () => {
    const strings = matchTarget(graph, parseTarget('(string)'));
    const tree = pathsTree(graph, distances, dominators, strings, { top: 3, minCount: 5 });
    assert.equal(tree.root.count, strings.length);
    const stack = [tree.root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.children.length === 0) continue;
      assert.equal(node.count, node.matched + sum(node.children.map((child) => child.count)), node.name);
      assert.ok(node.children.filter((child) => child.kind === 'object').length <= 3);
      stack.push(...node.children);
    }
  });
});

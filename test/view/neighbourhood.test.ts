import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeChains, shortestChains } from '../../src/analysis/chainPaths.js';
import { computeDistances } from '../../src/analysis/distances.js';
import type { Neighbourhood } from '../../src/analysis/neighbourhoodTypes.js';
import { selectTarget } from '../../src/analysis/selectTarget.js';
import { parseTarget } from '../../src/analysis/targets.js';
import type { HeapGraph } from '../../src/snapshot/heapGraph.js';
import { readSnapshot } from '../../src/snapshot/readSnapshot.js';
import { backrefs, type NeighbourhoodOptions, refs } from '../../src/view/neighbourhood.js';
import { noteText } from '../../src/view/noteText.js';
import { loadJson } from '../helpers/rewrite.js';
import { shapedSnapshot } from '../helpers/snapshots.js';

const path = shapedSnapshot('neighbourhood-heap.mjs');
const graph = await readSnapshot(path);
const distances = computeDistances(graph);

function only(target: string): number {
  const { count, chosen } = selectTarget(graph, distances, parseTarget(target));
  assert.equal(count, 1, `${target} names one object`);
  return chosen!;
}

/** The picture's nodes as `depth Class` and its edges as `Holder --name--> Held`, for readable specs. */
function describe_(model: Neighbourhood) {
  const nodes = model.nodes.map((node) => `${node.depth} ${graph.className(node.ordinal)}`);
  const edges = model.edges.map(
    ({ from, to, edge }) => `${graph.className(from)} --${graph.edgeName(edge)}--> ${graph.className(to)}`,
  );
  return { nodes, edges };
}

function backrefsOf(target: string, options: NeighbourhoodOptions) {
  return backrefs(graph, distances, [only(target)], options);
}

/** Distinct holders of a node, counted straight from the snapshot's JSON (not through heapdot's index). */
function distinctHolders(g: HeapGraph, ordinal: number): number {
  const json = loadJson(path);
  const nodeWidth = json.snapshot.meta.node_fields.length;
  const edgeWidth = json.snapshot.meta.edge_fields.length;
  const edgeCountField = json.snapshot.meta.node_fields.indexOf('edge_count');
  const holders = new Set<number>();
  let edge = 0;
  for (let node = 0; node < json.nodes.length / nodeWidth; node++) {
    const count = json.nodes[node * nodeWidth + edgeCountField];
    for (let i = 0; i < count; i++, edge++) {
      if (json.edges[edge * edgeWidth + 2] === ordinal * nodeWidth) holders.add(node);
    }
  }
  assert.equal(g.nodeCount, json.snapshot.node_count);
  return holders.size;
}

describe('backrefs on a shaped heap', () => {
  it('depth 1: exactly the two holders of a diamond target', () => {
    const { nodes, edges } = describe_(backrefsOf('DiamondTarget', { maxDepth: 1 }));
    assert.deepEqual(nodes, ['0 DiamondTarget', '1 DiamondSide', '1 DiamondSide']);
    assert.deepEqual(edges, [
      'DiamondSide --target--> DiamondTarget',
      'DiamondSide --target--> DiamondTarget',
    ]);
  });

  it('depth 2: the shared holder of both sides is drawn once, with both its edges', () => {
    const { nodes, edges } = describe_(backrefsOf('DiamondTarget', { maxDepth: 2 }));
    assert.deepEqual(nodes, ['0 DiamondTarget', '1 DiamondSide', '1 DiamondSide', '2 DiamondTop']);
    assert.deepEqual(edges.slice(2).sort(), [
      'DiamondTop --left--> DiamondSide',
      'DiamondTop --right--> DiamondSide',
    ]);
  });

  it('depth 3: reaches the global, which is drawn but not expanded', () => {
    const model = backrefsOf('DiamondTarget', { maxDepth: 3 });
    const { nodes, edges } = describe_(model);
    assert.ok(nodes.includes('3 global'), nodes.join());
    assert.ok(edges.includes('global --diamond--> DiamondTop'));
    const global = model.nodes.find((node) => graph.className(node.ordinal) === 'global');
    assert.equal(global?.expanded, false);
    assert.equal(model.nodes.filter((node) => graph.className(node.ordinal) === 'DiamondTop').length, 1);
  });

  it('a cycle appears once: each object drawn once, both edges between them drawn', () => {
    const { nodes, edges } = describe_(backrefsOf('CycleB', { maxDepth: 2 }));
    assert.equal(nodes.filter((node) => node.endsWith('CycleA')).length, 1);
    assert.equal(nodes.filter((node) => node.endsWith('CycleB')).length, 1);
    assert.ok(edges.includes('CycleA --partner--> CycleB'));
    assert.ok(edges.includes('CycleB --partner--> CycleA'));
  });

  it('--too-many keeps the holders nearest a root (the global property among them) and counts the rest exactly', () => {
    const popular = only('Popular');
    // Raw: every holder the snapshot lists counts, internal ones too.
    const model = backrefsOf('Popular', { maxDepth: 1, tooMany: 5, raw: true });
    const holders = model.nodes.filter((node) => node.depth === 1);
    assert.equal(holders.length, 5);
    assert.ok(holders.some((node) => graph.className(node.ordinal) === 'global'));
    const omitted = model.omitted.find((entry) => entry.ordinal === popular);
    assert.equal(omitted?.count, distinctHolders(graph, popular) - 5);
    assert.ok(distinctHolders(graph, popular) >= 41, 'the 40 holders and the global');
  });

  it('--max-nodes cuts at the last depth that fits, and says so', () => {
    const model = backrefsOf('Popular', { maxDepth: 3, tooMany: 100, maxNodes: 20 });
    assert.ok(model.nodes.length <= 20);
    assert.equal(model.maxDepth, 0);
    const [cut] = model.notes;
    assert.deepEqual(
      { ...cut, adding: 0 },
      {
        code: 'depth-cut',
        counts: 'nodes',
        depth: 0,
        adding: 0,
        drawn: 1,
        maxNodes: 20,
      },
    );
    assert.ok(cut.adding >= 20, 'the holders of depth 1 do not fit');
    assert.match(noteText(cut), /^cut at depth 0: depth 1 would add \d+ nodes to 1, over --max-nodes 20$/);
  });

  it('--filter hides matching nodes and edges; --stop-at draws but does not expand; --highlight marks', () => {
    const filtered = describe_(backrefsOf('DiamondTarget', { maxDepth: 2, filter: /DiamondTop/ }));
    assert.ok(!filtered.nodes.some((node) => node.endsWith('DiamondTop')));
    const stopped = backrefsOf('DiamondTarget', { maxDepth: 3, stopAt: /DiamondSide/ });
    assert.deepEqual(describe_(stopped).nodes, ['0 DiamondTarget', '1 DiamondSide', '1 DiamondSide']);
    assert.ok(stopped.nodes.filter((node) => node.depth === 1).every((node) => !node.expanded));
    const marked = backrefsOf('DiamondTarget', { maxDepth: 2, highlight: /^DiamondTop$/ });
    assert.deepEqual(
      marked.nodes.filter((node) => node.highlighted).map((node) => graph.className(node.ordinal)),
      ['DiamondTop'],
    );
  });

  it('--edge-types follows only the named types', () => {
    const model = backrefsOf('CycleB', { maxDepth: 2, edgeTypes: ['property'] });
    for (const { edge } of model.edges) assert.equal(graph.edgeTypeName(edge), 'property');
    assert.ok(!model.nodes.some((node) => graph.className(node.ordinal) === '(synthetic)'));
  });

  it('several targets share one picture, each marked as a target', () => {
    const { nearest } = selectTarget(graph, distances, parseTarget('DiamondSide'), { limit: 2 });
    const model = backrefs(graph, distances, Array.from(nearest), { maxDepth: 1 });
    assert.equal(model.nodes.filter((node) => node.isTarget).length, 2);
    assert.equal(model.nodes.filter((node) => graph.className(node.ordinal) === 'DiamondTop').length, 1);
  });
});

describe('refs on a shaped heap', () => {
  it('lists the references, the largest (by DevTools shallow size) first, with --too-many', () => {
    const model = refs(graph, distances, [only('Parcel')], { maxDepth: 1, tooMany: 3 });
    const kept = model.nodes.filter((node) => node.depth === 1).map((node) => graph.selfSize(node.ordinal));
    assert.equal(kept.length, 3);
    assert.deepEqual(
      kept,
      [...kept].sort((a, b) => b - a),
    );
    const all = refs(graph, distances, [only('Parcel')], { maxDepth: 1, tooMany: 100 });
    const largest = Math.max(
      ...all.nodes.filter((node) => node.depth === 1).map((node) => graph.selfSize(node.ordinal)),
    );
    assert.equal(kept[0], largest);
    assert.ok(model.omitted[0].count > 0);
  });

  it('follows properties down to the given depth', () => {
    const model = refs(graph, distances, [only('Parcel')], {
      maxDepth: 4,
      edgeTypes: ['property'],
      tooMany: 50,
    });
    const names = model.edges.map(({ edge }) => graph.edgeName(edge));
    for (const name of ['nested', 'inner', 'deep', 'deeper']) assert.ok(names.includes(name), name);
  });
});

describe('merged shortest chains', () => {
  it('draws K chains through different retainers, the shared prefix once', () => {
    const popular = only('Popular');
    const chains = shortestChains(graph, distances, popular, 3);
    assert.equal(chains.length, 3);
    const lastHolders = chains.map((chain) => (chain.kind === 'found' ? chain.nodes.at(-2) : -1));
    assert.equal(new Set(lastHolders).size, 3);
    const merged = mergeChains(chains, popular);
    const ordinals = merged.nodes.map((node) => node.ordinal);
    assert.equal(new Set(ordinals).size, ordinals.length, 'each node once');
    assert.equal(merged.nodes.filter((node) => node.ordinal === graph.rootOrdinal).length, 1);
    for (const chain of chains) {
      if (chain.kind !== 'found') continue;
      for (const edge of chain.edges) assert.ok(merged.edges.some((drawn) => drawn.edge === edge));
    }
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { retainerChain } from '../../src/analysis/chain.js';
import { computeDistances, distanceOf } from '../../src/analysis/distances.js';
import { selectTarget } from '../../src/analysis/selectTarget.js';
import { parseTarget } from '../../src/analysis/targets.js';
import type { HeapGraph } from '../../src/snapshot/heapGraph.js';
import { readSnapshot } from '../../src/snapshot/readSnapshot.js';
import { chainResult } from '../../src/view/json/chainJson.js';
import { loadJson, type SnapshotJson, serialize } from '../helpers/rewrite.js';
import { shapedSnapshot } from '../helpers/snapshots.js';

const path = shapedSnapshot('shaped-heap.mjs');

function chainOf(graph: HeapGraph, target: string) {
  const distances = computeDistances(graph);
  const { chosen } = selectTarget(graph, distances, parseTarget(target));
  assert.ok(chosen !== undefined, `${target} matches`);
  return { chain: retainerChain(graph, distances, chosen), distances, chosen };
}

/** The chain as `class --name (type)-->` steps after the root and its user root, for readable specs. */
function steps(graph: HeapGraph, target: string): string[] {
  const { chain } = chainOf(graph, target);
  assert.equal(chain.kind, 'found');
  if (chain.kind !== 'found') return [];
  return chain.edges.map((edge, i) => {
    const name = graph.edgeName(edge);
    return `${graph.className(chain.nodes[i])} --${name} (${graph.edgeTypeName(edge)})--> ${graph.className(chain.nodes[i + 1])}`;
  });
}

describe('retainerChain on a shaped Node heap', async () => {
  const graph = await readSnapshot(path);

  it('goes root -> global -> holder -> child for an object held by properties', () => {
    const chain = steps(graph, 'Leaf');
    assert.match(chain[0], /^\(synthetic\) --\d+ \(shortcut\)--> global$/);
    assert.deepEqual(chain.slice(1), [
      'global --holder (property)--> Holder',
      'Holder --child (property)--> Leaf',
    ]);
  });

  it("goes through a Map's table for a Map value", () => {
    const chain = steps(graph, 'MapValue');
    assert.equal(chain[1], 'global --registry (property)--> Map');
    assert.equal(chain[2], 'Map --table (internal)--> (array)');
    assert.match(chain[3], /^\(array\) --\d+ \(internal\)--> MapValue$/);
  });

  it('names the element index for an array element', () => {
    const chain = steps(graph, 'ArrayItem');
    assert.equal(chain[1], 'global --items (property)--> Array');
    assert.match(chain[2], /^Array --[012] \(element\)--> ArrayItem$/);
  });

  it('goes through the closure and its context variable', () => {
    const chain = steps(graph, 'ClosureCaptured');
    assert.deepEqual(chain.slice(1), [
      'global --readCaptured (property)--> Function',
      'Function --context (internal)--> system / Context',
      'system / Context --captured (context)--> ClosureCaptured',
    ]);
  });

  it('reaches a WeakMap value through the WeakMap entry edge, not a weak one', () => {
    const chain = steps(graph, 'WeakMapValue');
    assert.equal(chain.length, 4);
    assert.match(
      chain.at(-1)!,
      /part of key \(WeakMapKey @\d+\) -> value \(WeakMapValue @\d+\) pair in WeakMap/,
    );
  });

  it('has as many edges as the target distance, none of them weak, each one real', () => {
    for (const target of [
      'Leaf',
      'MapValue',
      'ArrayItem',
      'ClosureCaptured',
      'WeakMapValue',
      'string:hostile-3',
    ]) {
      const { chain, distances, chosen } = chainOf(graph, target);
      assert.equal(chain.kind, 'found');
      if (chain.kind !== 'found') continue;
      assert.equal(chain.edges.length, distanceOf(distances, chosen), target);
      assert.equal(chain.nodes[0], graph.rootOrdinal);
      assert.equal(chain.nodes.at(-1), chosen);
      chain.edges.forEach((edge, i) => {
        assert.notEqual(graph.edgeTypeName(edge), 'weak');
        assert.equal(graph.edgeSource(edge), chain.nodes[i]);
        assert.equal(graph.edgeTarget[edge], chain.nodes[i + 1]);
      });
    }
  });

  it('is deterministic: the same input gives the same chain', async () => {
    const again = await readSnapshot(path);
    for (const target of ['Leaf', 'ArrayItem', 'WeakMapValue']) {
      const first = chainOf(graph, target);
      const second = chainOf(again, target);
      assert.deepEqual(
        chainResult(again, second.distances, second.chosen, second.chain),
        chainResult(graph, first.distances, first.chosen, first.chain),
      );
    }
  });
});

describe('retainerChain when nothing strong holds the target', async () => {
  const json = loadJson(path);
  const graph = await readSnapshot(path);
  const { chosen: leaf } = chainOf(graph, 'Leaf');
  const leafIndex = leaf * json.snapshot.meta.node_fields.length;
  const directory = mkdtempSync(join(tmpdir(), 'heapdot-chain-'));

  /** Rewrites every edge into the Leaf: its type to weak, or its target to the root. */
  function rewrite(name: string, change: (json: SnapshotJson, edgeStart: number) => void): string {
    const copy = loadJson(path);
    const width = copy.snapshot.meta.edge_fields.length;
    const toNode = copy.snapshot.meta.edge_fields.indexOf('to_node');
    for (let i = 0; i < copy.edges.length; i += width)
      if (copy.edges[i + toNode] === leafIndex) change(copy, i);
    const file = join(directory, name);
    writeFileSync(file, serialize(copy, 'v8'));
    return file;
  }

  it('says weak-only when only weak edges hold it', async () => {
    const weakType = (json.snapshot.meta.edge_types[0] as string[]).indexOf('weak');
    const file = rewrite('weak-only.heapsnapshot', (copy, edge) => {
      copy.edges[edge] = weakType;
    });
    const rewritten = await readSnapshot(file);
    const { chain } = chainOf(rewritten, `@${graph.nodeId[leaf]}`);
    assert.deepEqual(chain, { kind: 'not-found', reason: 'weak-only' });
  });

  it('says unreachable when nothing holds it', async () => {
    const toNode = json.snapshot.meta.edge_fields.indexOf('to_node');
    const file = rewrite('unreachable.heapsnapshot', (copy, edge) => {
      copy.edges[edge + toNode] = 0;
    });
    const rewritten = await readSnapshot(file);
    const { chain } = chainOf(rewritten, `@${graph.nodeId[leaf]}`);
    assert.deepEqual(chain, { kind: 'not-found', reason: 'unreachable' });
  });
});

import assert from 'node:assert/strict';
import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'heap-snapshot-toolkit';
import {
  computeDistances,
  distanceOf,
  NO_DISTANCE,
  rootKindOf,
  SYSTEM_DISTANCE_BASE,
} from '../../src/analysis/distances.js';
import { readSnapshot } from '../../src/snapshot/readSnapshot.js';
import { loadJson, serialize } from '../helpers/rewrite.js';
import { shapedSnapshot } from '../helpers/snapshots.js';

/** DevTools' own heap model (heap-snapshot-toolkit repackages its worker code) computes the reference. */
async function devToolsDistances(path: string): Promise<Int32Array> {
  const snapshot = (await parse(createReadStream(path, 'utf-8'))) as unknown as { nodeDistances: Int32Array };
  return snapshot.nodeDistances;
}

for (const fixture of ['shaped-heap.mjs', 'weak-and-closures.mjs']) {
  describe(`distances of ${fixture} agree with Chrome DevTools`, async () => {
    const path = shapedSnapshot(fixture);
    const graph = await readSnapshot(path);
    const distances = computeDistances(graph);
    const reference = await devToolsDistances(path);

    it('equal DevTools for every node a user root reaches, DevTools minus 100000000 for the rest', () => {
      assert.equal(reference.length, graph.nodeCount);
      let user = 0;
      let system = 0;
      let mismatches = 0;
      for (let node = 0; node < graph.nodeCount; node++) {
        const expected = reference[node];
        const kind = rootKindOf(distances, node);
        if (expected === NO_DISTANCE) {
          if (distanceOf(distances, node) !== undefined) mismatches++;
        } else if (expected >= SYSTEM_DISTANCE_BASE) {
          system++;
          if (kind !== 'system' || distanceOf(distances, node) !== expected - SYSTEM_DISTANCE_BASE)
            mismatches++;
        } else {
          user++;
          if (kind !== 'user' || distanceOf(distances, node) !== expected) mismatches++;
        }
      }
      assert.equal(mismatches, 0);
      assert.ok(user > 1000 && system > 1000, `both kinds occur (user ${user}, system ${system})`);
    });

    it('skip weak edges: no node is reached through a weak edge', () => {
      const weak = graph.edgeTypes.weak;
      for (let node = 0; node < graph.nodeCount; node++) {
        const edge = distances.parentEdge[node];
        if (edge !== 0xffffffff) assert.notEqual(graph.edgeType[edge], weak);
      }
    });
  });
}

describe('distances of a snapshot without user roots', async () => {
  // Make every child of the root synthetic, as a snapshot with no global object would be.
  const path = shapedSnapshot('shaped-heap.mjs');
  const json = loadJson(path);
  const nodeWidth = json.snapshot.meta.node_fields.length;
  const edgeWidth = json.snapshot.meta.edge_fields.length;
  const synthetic = (json.snapshot.meta.node_types[0] as string[]).indexOf('synthetic');
  const rootEdges = json.nodes[json.snapshot.meta.node_fields.indexOf('edge_count')];
  for (let edge = 0; edge < rootEdges; edge++) json.nodes[json.edges[edge * edgeWidth + 2]] = synthetic;
  assert.ok(nodeWidth > 0);
  const file = join(mkdtempSync(join(tmpdir(), 'heapdot-no-user-roots-')), 'no-user-roots.heapsnapshot');
  writeFileSync(file, serialize(json, 'v8'));

  it('run from the root alone, as DevTools does, and are all of the system kind', async () => {
    const graph = await readSnapshot(file);
    const distances = computeDistances(graph);
    const reference = await devToolsDistances(file);
    assert.equal(distances.userRootCount, 0);
    for (let node = 0; node < graph.nodeCount; node++) {
      if (reference[node] !== distances.raw[node])
        assert.fail(`node ${node}: ${distances.raw[node]} != ${reference[node]}`);
    }
    assert.equal(distances.raw[graph.rootOrdinal], 0);
    assert.equal(rootKindOf(distances, graph.rootOrdinal), 'system');
  });
});

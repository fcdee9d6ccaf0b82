import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
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

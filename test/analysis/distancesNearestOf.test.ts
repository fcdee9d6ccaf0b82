import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { retainerChain } from '../../src/analysis/chain.js';
import {
  computeDistances,
  type Distances,
  NO_DISTANCE,
  SYSTEM_DISTANCE_BASE,
} from '../../src/analysis/distances.js';
import { selectTarget } from '../../src/analysis/selectTarget.js';
import { matchTarget, type TargetSpec } from '../../src/analysis/targets.js';
import type { HeapGraph } from '../../src/snapshot/heapGraph.js';
import { readSnapshot } from '../../src/snapshot/readSnapshot.js';
import { chainResult } from '../../src/view/json/chainJson.js';
import { modelToJson, type SnapshotModel, snapshotModel } from '../helpers/randomSnapshot.js';
import { loadJson, serialize, withoutHolders } from '../helpers/rewrite.js';
import { shapedSnapshot } from '../helpers/snapshots.js';

/** What a target's nearest match looks like in the full search: the cases the early stop must get right. */
type Case = 'user' | 'system' | 'tie' | 'unreachable' | 'weak-only' | 'none';

/**
 * Compares the search that stops at the nearest of `matches` with the full one: every node it
 * reached has the full search's distance and parent edge; every node as near as the nearest match
 * was reached; the nearest match, its chain and its JSON are the same. Returns the case it checked.
 */
function assertStopsExactly(graph: HeapGraph, full: Distances, spec: TargetSpec, label: string): Case[] {
  const matches = matchTarget(graph, spec);
  const early = computeDistances(graph, { nearestOf: matches });
  const expected = selectTarget(graph, full, spec, { matches });
  const actual = selectTarget(graph, early, spec, { matches });
  assert.deepEqual(actual, expected, `${label}: the same selection`);
  const chosen = expected.chosen;
  const bound = chosen === undefined || full.raw[chosen] === NO_DISTANCE ? Infinity : full.raw[chosen];
  for (let node = 0; node < graph.nodeCount; node++) {
    const raw = early.raw[node];
    if (raw === NO_DISTANCE) {
      const fullRaw = full.raw[node];
      if (fullRaw !== NO_DISTANCE && fullRaw <= bound)
        assert.fail(`${label}: node ${node} at ${fullRaw} (<= ${bound}) not reached`);
    } else if (raw !== full.raw[node] || early.parentEdge[node] !== full.parentEdge[node]) {
      assert.fail(`${label}: node ${node} has ${raw} via ${early.parentEdge[node]}, not ${full.raw[node]}`);
    }
  }
  assert.equal(early.userRootCount, full.userRootCount);
  assert.equal(early.complete, bound === Infinity, `${label}: complete only when no match is reachable`);
  if (chosen === undefined) return ['none'];
  const fullChain = retainerChain(graph, full, chosen);
  const earlyChain = retainerChain(graph, early, chosen);
  assert.deepEqual(earlyChain, fullChain, `${label}: the same chain`);
  assert.equal(
    JSON.stringify(chainResult(graph, early, chosen, earlyChain)),
    JSON.stringify(chainResult(graph, full, chosen, fullChain)),
    `${label}: the same JSON`,
  );
  if (fullChain.kind === 'not-found') return [fullChain.reason];
  const cases: Case[] = [full.raw[chosen] >= SYSTEM_DISTANCE_BASE ? 'system' : 'user'];
  let tied = 0;
  for (const match of matches) if (full.raw[match] === full.raw[chosen]) tied++;
  if (tied > 1) cases.push('tie');
  return cases;
}

function countCases(counts: Map<Case, number>, cases: Case[]): void {
  for (const c of cases) counts.set(c, (counts.get(c) ?? 0) + 1);
}

function classNames(graph: HeapGraph): string[] {
  const names = new Set<string>();
  for (let node = 0; node < graph.nodeCount; node++) names.add(graph.className(node));
  return [...names].sort();
}

/** Real snapshots, and the shaped heap with its Leaf objects made weak-only or unreachable. */
const variants: { name: string; path: () => string; cases: Case[] }[] = [
  {
    name: 'shaped-heap.mjs',
    path: () => shapedSnapshot('shaped-heap.mjs'),
    cases: ['user', 'system', 'tie'],
  },
  {
    name: 'weak-and-closures.mjs',
    path: () => shapedSnapshot('weak-and-closures.mjs'),
    cases: ['user', 'system', 'tie'],
  },
  { name: 'shaped-heap.mjs, Leaf weak-only', path: () => rewritten('weak'), cases: ['weak-only'] },
  { name: 'shaped-heap.mjs, Leaf unreachable', path: () => rewritten('unreachable'), cases: ['unreachable'] },
];

function rewritten(how: 'weak' | 'unreachable'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'heapdot-nearest-')), `leaf-${how}.heapsnapshot`);
  writeFileSync(
    file,
    serialize(withoutHolders(loadJson(shapedSnapshot('shaped-heap.mjs')), 'Leaf', how), 'v8'),
  );
  return file;
}

for (const variant of variants) {
  describe(`computeDistances with nearestOf, on ${variant.name}`, async () => {
    const graph = await readSnapshot(variant.path());
    const full = computeDistances(graph);

    it('is complete without nearestOf', () => {
      assert.equal(full.complete, true);
    });

    it("stops at every class's nearest instance with the full search's distances, chain and JSON", () => {
      const counts = new Map<Case, number>();
      for (const name of classNames(graph))
        countCases(counts, assertStopsExactly(graph, full, { kind: 'class', name }, name));
      // What the classes cover: user-held and system-only nearest instances, ties at the nearest
      // distance (the smallest id wins, wherever the search met it), weak-only and unreachable ones.
      for (const c of variant.cases) assert.ok((counts.get(c) ?? 0) > 0, `a ${c} case`);
    });

    it('stops at single nodes: every unreached one and a sample of the others', () => {
      const counts = new Map<Case, number>();
      for (let node = 0; node < graph.nodeCount; node++) {
        if (full.raw[node] !== NO_DISTANCE && node % 97 !== 0) continue;
        const id = graph.nodeId[node];
        countCases(counts, assertStopsExactly(graph, full, { kind: 'id', id }, `@${id}`));
      }
      for (const c of variant.cases) if (c !== 'tie') assert.ok((counts.get(c) ?? 0) > 0, `a ${c} case`);
    });

    it('searches no further than the nearest match needs', () => {
      // global is a user root (distance 1): no node beyond the next level is reached.
      const early = computeDistances(graph, {
        nearestOf: matchTarget(graph, { kind: 'class', name: 'global' }),
      });
      for (let node = 0; node < graph.nodeCount; node++) {
        const raw = early.raw[node];
        if (raw !== NO_DISTANCE && node !== graph.rootOrdinal) assert.ok(raw <= 2, `node ${node} at ${raw}`);
      }
    });

    it('stops at nothing when nothing matches, and then is the full search', () => {
      const early = computeDistances(graph, { nearestOf: new Uint32Array(0) });
      assert.equal(early.complete, true);
      assert.deepEqual(early.raw, full.raw);
      assert.deepEqual(early.parentEdge, full.parentEdge);
    });

    it('refuses to order several matches, or to call an unknown node unreachable', () => {
      const spec: TargetSpec = { kind: 'class', name: 'Object' };
      const early = computeDistances(graph, { nearestOf: matchTarget(graph, spec) });
      assert.equal(early.complete, false);
      assert.throws(() => selectTarget(graph, early, spec, { limit: 2 }), /complete distances/);
      assert.throws(() => selectTarget(graph, early, spec, { pick: { kind: 'nth', n: 2 } }), /complete/);
      const unknown = early.raw.indexOf(NO_DISTANCE);
      assert.throws(() => retainerChain(graph, early, unknown), /stopped early/);
    });
  });
}

/**
 * Random graphs: any node may be the root, edges may point back at the root, user roots may be few
 * or none, and the names DevTools' filter looks at (NativeContext, map descriptors, WeakMap pairs)
 * occur, so the two passes, the root's own distance and the skipped edges all meet the early stop.
 */
const SPECIAL_NAMES = [
  'system / NativeContext',
  '(map descriptors)',
  'sloppy_function_map',
  '2 / part of key (Object @3) -> value (Object @5) pair in WeakMap (table @7)',
  '(Document DOM trees)',
];

describe('computeDistances with nearestOf, on random snapshots', () => {
  it('reaches what the full search reaches, as near as the nearest match, with its numbers', async () => {
    const model = snapshotModel.map(
      (m): SnapshotModel => ({ ...m, strings: [...SPECIAL_NAMES, ...m.strings] }),
    );
    await fc.assert(
      fc.asyncProperty(model, fc.array(fc.nat(), { maxLength: 4 }), async (m, picks) => {
        const text = serialize(modelToJson(m), 'v8');
        const graph = await readSnapshot(Readable.from([Buffer.from(text)]));
        const full = computeDistances(graph);
        // Targets named by id (one node) and by class (several, often at the same distance).
        for (const pick of picks) {
          const node = pick % graph.nodeCount;
          const id = graph.nodeId[node];
          assertStopsExactly(graph, full, { kind: 'id', id }, `@${id}`);
          const name = graph.className(node);
          assertStopsExactly(graph, full, { kind: 'class', name }, name);
        }
      }),
      { numRuns: 300 },
    );
  });
});

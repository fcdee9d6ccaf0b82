import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diff as devToolsDiff } from 'heap-snapshot-toolkit';
import {
  computeDominators,
  type DiffSide,
  diffSide,
  diffSnapshots,
  dominatorTree,
  type HeapGraph,
  newObjectIds,
  readSnapshot,
} from '../../src/index.js';
import { type DevToolsClassDiff, devToolsSnapshot } from '../helpers/devtools.js';
import { threeSnapshots } from '../helpers/threeSnapshots.js';

// One process: baseline; target with 500 Leaky kept and 300 Transient made and dropped (one
// Transient is kept from the start); final with 1,000 more Leaky (test/fixtures/trend-heap.mjs).
const { baseline, target, final } = threeSnapshots();

/** Both sides of a diff, the later read first so the earlier takes its interface names (as the CLI does). */
async function sides(beforePath: string, afterPath: string, retained = false): Promise<[DiffSide, DiffSide]> {
  const side = (graph: HeapGraph, interfaces?: DiffSide['interfaces']) => {
    if (!retained) return diffSide(graph, { interfaces });
    const dominators = computeDominators(graph);
    return diffSide(graph, { interfaces, sizes: { dominators, tree: dominatorTree(graph, dominators) } });
  };
  const after = side(await readSnapshot(afterPath));
  return [side(await readSnapshot(beforePath), after.interfaces), after];
}

describe('snapshotDiff', () => {
  it('baseline -> target: +500 Leaky, all 500 new, none freed; Transient made and dropped leaves no trace', async () => {
    const diff = diffSnapshots(...(await sides(baseline, target)));
    assert.equal(diff.idsComparable, true);
    const leaky = diff.classes.find((row) => row.className === 'Leaky');
    assert.ok(leaky);
    assert.deepEqual(
      [leaky.countBefore, leaky.countAfter, leaky.countDelta, leaky.newObjects, leaky.freedObjects],
      [0, 500, 500, 500, 0],
    );
    assert.equal(leaky.sizeBefore, 0);
    assert.equal(leaky.sizeDelta, leaky.sizeAfter);
    assert.equal(leaky.sizeAfter % 500, 0, 'all Leaky are one size');
    const transient = diff.classes.find((row) => row.className === 'Transient');
    assert.deepEqual(
      [transient?.countBefore, transient?.countAfter, transient?.newObjects, transient?.freedObjects],
      [1, 1, 0, 0],
    );
    assert.equal(diff.classes[0].className, 'Leaky', 'the largest growth in count comes first');
  });

  it('target -> final: +1,000 Leaky, and the new ids are exactly the Leaky the first snapshot lacks', async () => {
    const [before, after] = await sides(target, final);
    const leaky = diffSnapshots(before, after).classes.find((row) => row.className === 'Leaky');
    assert.deepEqual([leaky?.countDelta, leaky?.newObjects, leaky?.freedObjects], [1000, 1000, 0]);
    const idsOf = async (path: string) => {
      const graph = await readSnapshot(path);
      const ids: number[] = [];
      for (let node = 0; node < graph.nodeCount; node++)
        if (graph.className(node) === 'Leaky') ids.push(graph.nodeId[node]);
      return ids;
    };
    const old = new Set(await idsOf(target));
    const expected = (await idsOf(final)).filter((id) => !old.has(id)).sort((a, b) => a - b);
    assert.equal(expected.length, 1000);
    assert.deepEqual(newObjectIds(before, after, 'Leaky'), expected);
    assert.deepEqual(newObjectIds(before, after, 'NoSuchClass'), []);
  });

  it("with dominators, retained growth: a Leaky holds only its own fields, so Leaky's retained delta is its size delta", async () => {
    const diff = diffSnapshots(...(await sides(baseline, target, true)));
    const leaky = diff.classes.find((row) => row.className === 'Leaky');
    assert.ok(leaky && leaky.sizeDelta > 0);
    assert.equal(leaky.retainedDelta, leaky.sizeDelta);
    assert.ok(diff.classes.every((row) => row.retainedDelta === row.retainedAfter! - row.retainedBefore!));
  });

  it('snapshots numbered apart (one session each): counts still compare, new and freed objects are left out', async () => {
    const renumbered = threeSnapshots('renumbered-heap.mjs');
    const diff = diffSnapshots(...(await sides(renumbered.baseline, renumbered.target)));
    assert.equal(diff.idsComparable, false);
    const leaky = diff.classes.find((row) => row.className === 'Leaky');
    assert.equal(leaky?.countDelta, 500);
    assert.ok(diff.classes.every((row) => row.newObjects === undefined && row.freedObjects === undefined));
  });

  it("every class of objects with a size: DevTools' Comparison view's new, freed and count delta; size delta of new classes", async () => {
    const [before, after] = await sides(baseline, target);
    const ours = diffSnapshots(before, after).classes;
    const start = await devToolsSnapshot(baseline);
    const end = await devToolsSnapshot(target);
    const theirs = new Map<string, DevToolsClassDiff>();
    for (const row of Object.values(
      (await devToolsDiff(start as never, end as never)) as Record<string, DevToolsClassDiff>,
    )) {
      const seen = theirs.get(row.name);
      if (!seen) theirs.set(row.name, { ...row });
      else {
        seen.addedCount += row.addedCount;
        seen.removedCount += row.removedCount;
        seen.countDelta += row.countDelta;
        seen.sizeDelta += row.sizeDelta;
      }
    }
    // DevTools leaves objects of size 0 out of its views; heapdot counts them, so those classes differ.
    const empty = new Set<string>();
    for (const path of [baseline, target]) {
      const graph = await readSnapshot(path);
      const selfSize = graph.shallowSizes();
      for (let node = 0; node < graph.nodeCount; node++)
        if (selfSize[node] === 0) empty.add(graph.className(node));
    }
    const mismatches: string[] = [];
    let compared = 0;
    for (const row of ours) {
      if (empty.has(row.className)) continue;
      compared++;
      const devtools = theirs.get(row.className);
      // DevTools' size delta is the size of the new objects less that of the freed ones; heapdot's is
      // the change of the class's whole self size, which also counts objects of both snapshots that
      // changed size (here Array and Transient). They are one number when every object is new.
      const sizes = row.countBefore === 0;
      const expected = devtools
        ? [devtools.addedCount, devtools.removedCount, devtools.countDelta, sizes ? devtools.sizeDelta : 0]
        : [0, 0, 0, 0];
      const actual = [row.newObjects, row.freedObjects, row.countDelta, sizes ? row.sizeDelta : 0];
      if (JSON.stringify(actual) !== JSON.stringify(expected))
        mismatches.push(`${row.className}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
    }
    assert.deepEqual(mismatches.slice(0, 5), []);
    assert.ok(compared > ours.length / 2, `${compared} of ${ours.length} classes compared`);
    const leaky = theirs.get('Leaky');
    assert.deepEqual([leaky?.addedCount, leaky?.countDelta], [500, 500]);
    assert.equal(leaky?.sizeDelta, ours.find((row) => row.className === 'Leaky')?.sizeDelta);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  chooseTarget,
  computeDominators,
  type HeapGraph,
  needsDominators,
  parseTarget,
  readSnapshot,
} from '../../src/index.js';
import { shapedSnapshot } from '../helpers/snapshots.js';

/** test/fixtures/stack-held.cjs: two Reports (one on the stack only, one the module holds) and one Row. */
const graph: Promise<HeapGraph> = readSnapshot(shapedSnapshot('stack-held.cjs'));

function chosenOf(choice: ReturnType<typeof chooseTarget>): number {
  assert.equal(choice.kind, 'chosen');
  return choice.kind === 'chosen' ? choice.chosen : -1;
}

describe('chooseTarget', () => {
  it("takes DevTools' nearest, or in the user view the nearest an anchor other than the stack holds", async () => {
    const heap = await graph;
    const report = parseTarget('Report');
    const raw = chooseTarget(heap, report);
    const user = chooseTarget(heap, report, { user: true });
    assert.ok(raw.kind === 'chosen' && user.kind === 'chosen');
    assert.equal(raw.count, 2);
    assert.notEqual(user.chosen, raw.chosen);
    assert.equal(user.passedOver, 1);
    assert.equal(raw.passedOver, 0);
    assert.ok(user.view, 'the user search comes with the choice');
    assert.equal(raw.view, undefined);
    // The two Reports, nearest first: the user view's choice is the other one.
    const both = chooseTarget(heap, report, { limit: 2 });
    assert.ok(both.kind === 'chosen');
    assert.deepEqual(both.targets, [raw.chosen, user.chosen]);
    assert.equal(chosenOf(chooseTarget(heap, report, { pick: { kind: 'nth', n: 2 } })), user.chosen);
  });

  it('says why nothing was chosen: no match, or a --pick beyond the matches', async () => {
    const heap = await graph;
    assert.deepEqual(chooseTarget(heap, parseTarget('Reprt')), { kind: 'no-match' });
    assert.deepEqual(chooseTarget(heap, parseTarget('Report'), { pick: { kind: 'nth', n: 3 } }), {
      kind: 'too-few',
      count: 2,
    });
  });

  it('computes dominators only when retained sizes are shown or decide the pick', async () => {
    const heap = await graph;
    assert.equal(needsDominators({}), false);
    assert.equal(needsDominators({ pick: { kind: 'nth', n: 2 } }), false);
    assert.equal(needsDominators({ pick: { kind: 'largest' } }), true);
    assert.equal(needsDominators({ retained: true }), true);
    let computed = 0;
    const options = {
      dominators: (g: HeapGraph) => {
        computed++;
        return computeDominators(g);
      },
    };
    const nearest = chooseTarget(heap, parseTarget('Report'), options);
    assert.ok(nearest.kind === 'chosen' && nearest.dominators === undefined);
    assert.equal(computed, 0);
    const largest = chooseTarget(heap, parseTarget('Report'), { ...options, pick: { kind: 'largest' } });
    assert.equal(computed, 1);
    assert.ok(largest.kind === 'chosen' && largest.dominators);
    const sizes = largest.dominators.retainedSize;
    const both = chooseTarget(heap, parseTarget('Report'), { limit: 2 });
    assert.ok(both.kind === 'chosen');
    assert.equal(Math.max(...both.targets.map((node) => sizes[node])), sizes[largest.chosen]);
  });

  it('stops the distance search at the nearest match only when nothing else needs more', async () => {
    const heap = await graph;
    const stopped = chooseTarget(heap, parseTarget('Row'), { stopAtNearest: true });
    assert.ok(stopped.kind === 'chosen');
    assert.equal(stopped.distances.complete, false);
    const retained = chooseTarget(heap, parseTarget('Row'), { stopAtNearest: true, retained: true });
    assert.ok(retained.kind === 'chosen');
    assert.equal(retained.distances.complete, true);
    assert.equal(retained.chosen, stopped.chosen);
  });
});

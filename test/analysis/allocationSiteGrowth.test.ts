import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { AllocationSite, AllocationSites } from '../../src/analysis/allocationSiteTypes.js';
import { allocationSiteGrowth, allocationSites, readSnapshot } from '../../src/index.js';
import { functionStart, GROWTH_FIXTURE } from '../helpers/allocationFixture.js';
import { fixturePath } from '../helpers/snapshots.js';
import { threeSnapshots } from '../helpers/threeSnapshots.js';

const every = { limit: Number.POSITIVE_INFINITY, topClasses: Number.POSITIVE_INFINITY };

/** A site of a hand-made result: one frame of `name` (at line `line`), `count` objects of `className`. */
function site(name: string, line: number, count: number, className = 'Thing'): AllocationSite {
  return {
    frames: [{ functionName: name, scriptName: 'file:///app.js', scriptId: 7, line, column: 1 }],
    count,
    selfSize: count * 16,
    classes: [{ className, count }],
    classCount: 1,
  };
}

function sites(list: AllocationSite[]): AllocationSites {
  const count = list.reduce((total, each) => total + each.count, 0);
  return {
    view: 'line',
    depth: null,
    className: null,
    sort: 'count',
    siteCount: list.length,
    traced: { count, selfSize: count * 16 },
    sites: list,
    untraced: { count: 0, selfSize: 0, classes: [], classCount: 0 },
  };
}

describe('allocationSiteGrowth', () => {
  it('matches sites by their frames; a site in one snapshot only counts 0 in the other; growth first, shrinking last', () => {
    const before = sites([site('stays', 1, 5), site('shrinks', 2, 30), site('gone', 3, 4)]);
    const after = sites([site('grows', 4, 9), site('shrinks', 2, 10), site('stays', 1, 5)]);
    const result = allocationSiteGrowth({ name: 'a', sites: before }, { name: 'b', sites: after });
    assert.deepEqual(
      result.sites.map((each) => [
        each.frames[0].functionName,
        each.countBefore,
        each.countAfter,
        each.countDelta,
      ]),
      [
        ['grows', 0, 9, 9],
        ['stays', 5, 5, 0],
        ['gone', 4, 0, -4],
        ['shrinks', 30, 10, -20],
      ],
    );
    assert.equal(result.siteCount, 4);
    assert.deepEqual(result.traced, {
      countBefore: 39,
      countAfter: 24,
      countDelta: -15,
      sizeBefore: 624,
      sizeAfter: 384,
      sizeDelta: -240,
    });
    assert.deepEqual(result.sites[0].classes, [
      { className: 'Thing', countBefore: 0, countAfter: 9, countDelta: 9 },
    ]);
    assert.equal(
      allocationSiteGrowth({ name: 'a', sites: before }, { name: 'b', sites: after }, { limit: 1 }).sites
        .length,
      1,
    );
  });

  it('refuses a listing cut by limit: a site left out would look new or gone', () => {
    const cut = { ...sites([site('one', 1, 1), site('two', 2, 2)]), siteCount: 3 };
    assert.throws(
      () => allocationSiteGrowth({ name: 'a', sites: cut }, { name: 'b', sites: cut }),
      /every site of a/,
    );
  });

  it("on the fixture's tracked snapshots: 400 Leaked at leakSome first, 50 Dropped gone from makeDropped, totals as each snapshot's", async () => {
    const { baseline, target } = threeSnapshots(GROWTH_FIXTURE, [], ['--track-heap-objects']);
    const before = allocationSites(await readSnapshot(baseline), every);
    const after = allocationSites(await readSnapshot(target), every);
    const result = allocationSiteGrowth(
      { name: baseline, sites: before },
      { name: target, sites: after },
      every,
    );
    const [first] = result.sites;
    const script = pathToFileURL(fixturePath(GROWTH_FIXTURE)).href;
    const { scriptId: _, ...frame } = first.frames[0];
    assert.deepEqual(frame, {
      functionName: 'leakSome',
      scriptName: script,
      ...functionStart('leakSome', GROWTH_FIXTURE),
    });
    assert.equal(first.countDelta, 400);
    assert.deepEqual(first.classes, [
      { className: 'Leaked', countBefore: 0, countAfter: 400, countDelta: 400 },
    ]);
    const dropped = result.sites.find((each) => each.frames[0]?.functionName === 'makeDropped');
    assert.ok(dropped);
    assert.deepEqual(
      dropped.classes.find((each) => each.className === 'Dropped'),
      { className: 'Dropped', countBefore: 50, countAfter: 0, countDelta: -50 },
    );
    assert.equal(result.traced.countBefore, before.traced.count);
    assert.equal(result.traced.countAfter, after.traced.count);
    assert.equal(result.sites.length, result.siteCount);
    assert.equal(
      result.sites.reduce((total, each) => total + each.countDelta, 0),
      after.traced.count - before.traced.count,
    );
    assert.equal(result.untraced.countDelta, after.untraced.count - before.untraced.count);
  });
});

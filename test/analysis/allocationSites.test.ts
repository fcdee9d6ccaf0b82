import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allocationSites, computeDominators, dominatorTree, readSnapshot } from '../../src/index.js';
import { ALLOCATION_FIXTURE_URL, allocationSnapshot, functionStart } from '../helpers/allocationFixture.js';
import { devToolsSnapshot } from '../helpers/devtools.js';

// 300 Alpha made by makeAlphas; 120 Beta made by makeBetas, called by betasViaFirst (80) and
// betasViaSecond (40) (test/fixtures/allocation-sites-heap.mjs), with allocation tracking on.
const path = allocationSnapshot(true);
const frameKey = (frame: { functionName: string; scriptName: string; line: number; column: number }) =>
  `${frame.functionName} ${frame.scriptName}:${frame.line}:${frame.column}`;

describe('allocationSites', async () => {
  const graph = await readSnapshot(path);

  it('puts the 300 Alpha at makeAlphas, file:line where the function starts, and nowhere else', () => {
    const result = allocationSites(graph, { className: 'Alpha' });
    assert.equal(result.siteCount, 1);
    assert.equal(result.traced.count, 300);
    assert.equal(result.untraced.count, 0);
    const [site] = result.sites;
    assert.equal(
      frameKey(site.frames[0]),
      frameKey({
        functionName: 'makeAlphas',
        scriptName: ALLOCATION_FIXTURE_URL,
        ...functionStart('makeAlphas'),
      }),
    );
    assert.deepEqual(site.classes, [{ className: 'Alpha', count: 300 }]);
    assert.equal(site.classCount, 1);
    assert.equal(site.selfSize, result.traced.selfSize);
  });

  it('one line site for the 120 Beta, two stacks (80 and 40) through their callers, one again at depth 1', () => {
    const line = allocationSites(graph, { className: 'Beta' });
    assert.deepEqual(
      line.sites.map((site) => [site.count, site.frames.map((frame) => frame.functionName)]),
      [[120, ['makeBetas']]],
    );
    const stacks = allocationSites(graph, { className: 'Beta', view: 'stack' });
    assert.deepEqual(
      stacks.sites.map((site) => [site.count, site.frames.slice(0, 2).map((frame) => frame.functionName)]),
      [
        [80, ['makeBetas', 'betasViaFirst']],
        [40, ['makeBetas', 'betasViaSecond']],
      ],
    );
    assert.equal(stacks.sites[0].selfSize, 2 * stacks.sites[1].selfSize, 'Beta objects are all one size');
    const shallow = allocationSites(graph, { className: 'Beta', view: 'stack', depth: 1 });
    assert.deepEqual(
      shallow.sites.map((site) => [site.count, site.frames.length]),
      [[120, 1]],
    );
    assert.equal(shallow.depth, 1);
  });

  it("with dominators, a site's retained size: an Alpha holds only its own fields, so it retains its self size", () => {
    const dominators = computeDominators(graph);
    const sizes = { dominators, tree: dominatorTree(graph, dominators) };
    const result = allocationSites(graph, { className: 'Alpha', sizes, sort: 'retained' });
    assert.equal(result.sort, 'retained');
    assert.equal(result.sites[0].retainedSize, result.sites[0].selfSize);
    // Without dominators a retained order falls back to self size, and no retained size is given.
    const unsized = allocationSites(graph, { className: 'Alpha', sort: 'retained' });
    assert.equal(unsized.sort, 'size');
    assert.equal(unsized.sites[0].retainedSize, undefined);
  });

  it('with all: every object but the synthetic roots is in a site or untraced; limit and topClasses cut only the listing', () => {
    const result = allocationSites(graph, { all: true, limit: 2, topClasses: 1 });
    let synthetic = 0;
    for (let node = 0; node < graph.nodeCount; node++)
      if (graph.nodeType[node] === graph.nodeTypes.synthetic) synthetic++;
    assert.equal(result.traced.count + result.untraced.count, graph.nodeCount - synthetic);
    assert.equal(result.sites.length, 2);
    assert.ok(result.siteCount > 2);
    assert.ok(result.sites.every((site) => site.classes.length === 1 && site.classCount >= 1));
    assert.ok(result.sites[0].count >= result.sites[1].count, 'most objects first');
    const userOnly = allocationSites(graph, { limit: Number.POSITIVE_INFINITY });
    assert.ok(userOnly.traced.count < result.traced.count, "V8's own classes are left out unless all");
  });

  it("every function's live objects and their size agree with DevTools' Allocation view", async () => {
    const devtools = await devToolsSnapshot(path);
    const theirs = new Map<string, { count: number; size: number }>();
    for (const top of devtools.allocationTracesTops()) {
      if (top.name === '(root)') continue;
      const key = frameKey({ functionName: top.name, ...top });
      const seen = theirs.get(key) ?? { count: 0, size: 0 };
      theirs.set(key, { count: seen.count + top.liveCount, size: seen.size + top.liveSize });
    }
    const ours = new Map<string, { count: number; size: number }>();
    const result = allocationSites(graph, { all: true, limit: Number.POSITIVE_INFINITY });
    for (const site of result.sites)
      if (site.frames.length > 0)
        ours.set(frameKey(site.frames[0]), { count: site.count, size: site.selfSize });
    const live = [...theirs].filter(([, stats]) => stats.count > 0);
    assert.ok(live.length > 2);
    assert.deepEqual(new Map(live), ours);
  });

  it('refuses a snapshot taken without allocation tracking', async () => {
    const untracked = await readSnapshot(allocationSnapshot(false));
    assert.throws(() => allocationSites(untracked), /no allocation stacks/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byCount, classStats, computeDominators, dominatorTree, readSnapshot } from '../../src/index.js';
import { allocationSnapshot } from '../helpers/allocationFixture.js';
import { heapdot } from '../helpers/cli.js';
import { devToolsClasses, devToolsSnapshot } from '../helpers/devtools.js';

// 300 Alpha and 120 Beta, each held only by the arrays of the module (test/fixtures/allocation-sites-heap.mjs).
const path = allocationSnapshot(false);

describe('classStats', async () => {
  const graph = await readSnapshot(path);
  const dominators = computeDominators(graph);
  const stats = classStats(graph, { dominators, tree: dominatorTree(graph, dominators) });
  const of = (className: string) => stats.find((stat) => stat.className === className);

  it('counts the 300 Alpha and 120 Beta the fixture made, each class once', () => {
    assert.equal(of('Alpha')?.count, 300);
    assert.equal(of('Beta')?.count, 120);
    assert.equal(new Set(stats.map((stat) => stat.className)).size, stats.length);
    assert.equal(
      stats.reduce((sum, stat) => sum + stat.count, 0),
      graph.nodeCount,
    );
  });

  it('agrees with find --format json on the same objects: count and self size', async () => {
    for (const className of ['Alpha', 'Beta']) {
      const run = await heapdot(['find', path, className, '--format', 'json', '--limit', '1000', '-q']);
      assert.equal(run.code, 0, run.stderr);
      const found = JSON.parse(run.stdout) as { selfSize: number }[];
      assert.equal(found.length, of(className)?.count);
      assert.equal(
        found.reduce((sum, node) => sum + node.selfSize, 0),
        of(className)?.selfSize,
      );
    }
  });

  it('an Alpha holds only numbers kept in the object: the class retains exactly its self size', () => {
    const alpha = of('Alpha');
    assert.ok(alpha && alpha.selfSize > 0);
    assert.equal(alpha.retainedSize, alpha.selfSize);
    assert.equal(alpha.selfSize % 300, 0, 'all 300 are the same size');
  });

  it("every class: DevTools' Summary count and self size; its retained size where both define the class alike", async () => {
    const devtools = devToolsClasses(await devToolsSnapshot(path));
    // DevTools leaves objects of size 0 out of its Summary (and out of class retained sizes);
    // heapdot counts every object.
    const sized = new Map<string, number>();
    const empty = new Set<string>();
    const selfSize = graph.shallowSizes();
    for (let node = 0; node < graph.nodeCount; node++) {
      const className = graph.className(node);
      if (selfSize[node] === 0) empty.add(className);
      else sized.set(className, (sized.get(className) ?? 0) + 1);
    }
    const mismatches: string[] = [];
    let retainedCompared = 0;
    for (const stat of stats) {
      const theirs = devtools.get(stat.className);
      const ours = { count: sized.get(stat.className) ?? 0, self: stat.selfSize };
      const expected = { count: theirs?.count ?? 0, self: theirs?.self ?? 0 };
      if (JSON.stringify(ours) !== JSON.stringify(expected))
        mismatches.push(`${stat.className}: ${JSON.stringify(ours)} vs ${JSON.stringify(expected)}`);
      // Two definitions differ: DevTools skips objects of size 0 on the dominator walk, and tells
      // same-named constructors apart by location (so nested ones of one name each count).
      // Where neither applies, the class retained size is DevTools' to the byte.
      if (theirs && theirs.keys === 1 && !empty.has(stat.className)) {
        retainedCompared++;
        if (stat.retainedSize !== theirs.maxRet)
          mismatches.push(`${stat.className} retained: ${stat.retainedSize} vs ${theirs.maxRet}`);
      }
    }
    assert.deepEqual(mismatches.slice(0, 5), []);
    for (const name of devtools.keys()) assert.ok(of(name), `heapdot has DevTools' class ${name}`);
    assert.ok(retainedCompared > stats.length / 2, `${retainedCompared} of ${stats.length} classes compared`);
    for (const name of ['Alpha', 'Beta']) assert.ok(devtools.get(name)?.keys === 1 && !empty.has(name));
  });

  it('without dominators gives no retained size; byCount is a total order', () => {
    const plain = classStats(graph);
    assert.ok(plain.every((stat) => stat.retainedSize === undefined));
    const sorted = [...plain].sort(byCount);
    for (let i = 1; i < sorted.length; i++) assert.ok(byCount(sorted[i - 1], sorted[i]) < 0);
  });
});

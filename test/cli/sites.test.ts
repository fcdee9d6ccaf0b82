import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AllocationSites, AllocationSitesGrowth } from '../../src/analysis/allocationSiteTypes.js';
import {
  ALLOCATION_FIXTURE_URL,
  allocationSnapshot,
  functionStart,
  GROWTH_FIXTURE,
} from '../helpers/allocationFixture.js';
import { heapdot } from '../helpers/cli.js';
import { fixturePath } from '../helpers/snapshots.js';
import { threeSnapshots } from '../helpers/threeSnapshots.js';

const tracked = allocationSnapshot(true);
const untracked = allocationSnapshot(false);
const script = fileURLToPath(ALLOCATION_FIXTURE_URL);
const alphaStart = functionStart('makeAlphas');

async function sites(...args: string[]): Promise<AllocationSites> {
  const run = await heapdot(['sites', tracked, '--no-progress', '--format', 'json', ...args]);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as AllocationSites;
}

describe('heapdot sites', () => {
  it('text: the 300 Alpha objects are at makeAlphas, file:line where it starts', async () => {
    const run = await heapdot(['sites', tracked, '--no-progress']);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.split('\n');
    assert.match(lines[0], /^\s*count\s+self size\s+site\s+function\s+classes$/);
    const row = lines.find((line) => line.includes(`${script}:${alphaStart.line} `));
    assert.ok(row, run.stdout);
    assert.match(row, /\s+makeAlphas\s+Alpha ×300\b/);
    // The objects without a stack come last, apart from the sites.
    const untraced = lines.findIndex((line) =>
      line.startsWith('(no allocation stack: allocated before tracking started): '),
    );
    assert.ok(untraced > lines.indexOf(row));
    assert.equal(lines[untraced - 1], '');
  });

  it('JSON: one frame per site, with function, script, line and column', async () => {
    const result = await sites();
    assert.equal(result.view, 'line');
    const site = result.sites.find((each) => each.frames[0]?.functionName === 'makeAlphas');
    assert.ok(site);
    assert.equal(site.frames.length, 1);
    const { scriptId: _, ...frame } = site.frames[0];
    assert.deepEqual(frame, {
      functionName: 'makeAlphas',
      scriptName: ALLOCATION_FIXTURE_URL,
      ...alphaStart,
    });
    assert.deepEqual(site.classes[0], { className: 'Alpha', count: 300 });
    assert.ok(result.untraced.count > 0, 'Node allocates before the script runs');
    const all = await sites('--limit', '100000');
    assert.equal(all.sites.length, all.siteCount);
    assert.equal(all.traced.count, sum(all, 'count'));
    assert.equal(all.traced.selfSize, sum(all, 'selfSize'));
  });

  it('CSV: --class Alpha gives exactly one site of 300 objects', async () => {
    const run = await heapdot(['sites', tracked, '--no-progress', '--class', 'Alpha', '--format', 'csv']);
    assert.equal(run.code, 0, run.stderr);
    const rows = run.stdout.trimEnd().split('\n');
    assert.equal(rows[0], 'kind,function,script,line,column,count,selfSize,classes');
    assert.equal(rows.length, 3);
    assert.match(
      rows[1],
      new RegExp(
        `^site,makeAlphas,${ALLOCATION_FIXTURE_URL},${alphaStart.line},${alphaStart.column},300,\\d+,Alpha ×300$`,
      ),
    );
    assert.equal(rows[2], 'untraced,,,,,0,0,');
  });

  it('--stack: one site per stack, frames innermost first, as the nested calls were made', async () => {
    const result = await sites('--stack', '--class', 'Beta');
    assert.deepEqual(
      result.sites.map((site) => [site.count, site.frames.slice(0, 2).map((frame) => frame.functionName)]),
      [
        [80, ['makeBetas', 'betasViaFirst']],
        [40, ['makeBetas', 'betasViaSecond']],
      ],
    );
    const text = (await heapdot(['sites', tracked, '--no-progress', '--stack', '--class', 'Beta'])).stdout;
    const first = text.split('\n\n')[0].split('\n');
    assert.match(first[0], /^#1: 80 objects, .* self: Beta ×80$/);
    const at = (name: string) =>
      `    at ${name} (${script}:${functionStart(name).line}:${functionStart(name).column})`;
    assert.deepEqual(first.slice(1, 3), [at('makeBetas'), at('betasViaFirst')]);
  });

  it('--depth 1 merges the stacks that share their innermost frame', async () => {
    const result = await sites('--depth', '1', '--class', 'Beta');
    assert.equal(result.view, 'stack');
    assert.equal(result.depth, 1);
    assert.deepEqual(
      result.sites.map((site) => [site.count, site.frames.map((frame) => frame.functionName)]),
      [[120, ['makeBetas']]],
    );
  });

  it('--limit cuts the list and says how many sites are left', async () => {
    const result = await sites('--limit', '2');
    assert.equal(result.sites.length, 2);
    assert.ok(result.siteCount > 2);
    const text = (await heapdot(['sites', tracked, '--no-progress', '--limit', '2'])).stdout;
    assert.match(text, new RegExp(`\\(${result.siteCount - 2} more sites; raise --limit to see them\\)`));
  });

  it('--sort orders by count or by self size', async () => {
    const byCount = await sites('--sort', 'count', '--limit', '50');
    const bySize = await sites('--sort', 'size', '--limit', '50');
    assertDescending(byCount.sites.map((site) => site.count));
    assertDescending(bySize.sites.map((site) => site.selfSize));
    assert.notDeepEqual(byCount.sites, bySize.sites);
  });

  it('--retained: the fixture sites retain at least their self size; --sort retained orders by it', async () => {
    // Only where DevTools' shallow sizes are the snapshot's: it counts an (array) or hidden
    // object in its owner, which may have been allocated elsewhere (retained < self there).
    for (const args of [
      ['--class', 'Alpha'],
      ['--class', 'Beta', '--stack'],
    ]) {
      const result = await sites('--retained', ...args);
      assert.ok(result.sites.length > 0);
      for (const site of result.sites)
        assert.ok(
          site.retainedSize !== undefined && site.retainedSize >= site.selfSize,
          JSON.stringify(site),
        );
    }
    const sorted = await sites('--sort', 'retained', '--limit', '50');
    assert.ok(sorted.sites.every((site) => site.retainedSize !== undefined));
    assertDescending(sorted.sites.map((site) => site.retainedSize ?? 0));
    const text = (await heapdot(['sites', tracked, '--no-progress', '--retained'])).stdout;
    assert.match(text.split('\n')[0], /^\s*count\s+self size\s+retained size\s+site/);
  });

  it('gives the same output for the same snapshot', async () => {
    assert.deepEqual(await sites('--stack', '--retained'), await sites('--stack', '--retained'));
  });

  it('a snapshot without allocation stacks: one line saying how to get them, exit status 2', async () => {
    const run = await heapdot(['sites', untracked, '--no-progress']);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr.trimEnd().split('\n').length, 1);
    assert.match(run.stderr, /has no allocation stacks/);
    assert.match(run.stderr, /heapdot capture --track-allocations -o FILE -- node app\.js/);
    assert.match(run.stderr, /node --track-heap-objects app\.js .*v8\.writeHeapSnapshot\(\)/);
  });

  it('a --class with no objects exits 1', async () => {
    const run = await heapdot(['sites', tracked, '--no-progress', '--class', 'NoSuchClass']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /no object of class NoSuchClass/);
  });
  it("names no class of V8's own among a site's classes unless --all", async () => {
    const internal = /^(\(system\)|\(array\)|\(compiled code\)|\(object shape\)|\(number\)|system \/ )/;
    const classesOf = (result: AllocationSites) =>
      result.sites.flatMap((site) => site.classes.map((each) => each.className));
    assert.deepEqual(
      classesOf(await sites('--limit', '100')).filter((name) => internal.test(name)),
      [],
    );
    assert.ok(classesOf(await sites('--limit', '100', '--all')).some((name) => internal.test(name)));
    const only = await sites('--class', '(array)');
    assert.ok(only.traced.count + only.untraced.count > 0, '--class names an internal class on its own');
  });
});

describe('heapdot sites BEFORE AFTER', () => {
  // One process, tracked: leakSome keeps 400 Leaked between baseline and target (800 more by
  // final), churn makes 300 Transient and drops them, the 50 Dropped of makeDropped are let go.
  const { baseline, target, final } = threeSnapshots(GROWTH_FIXTURE, [], ['--track-heap-objects']);
  const growthScript = fixturePath(GROWTH_FIXTURE);
  const leakLine = `${growthScript}:${functionStart('leakSome', GROWTH_FIXTURE).line}`;

  async function growth(...args: string[]): Promise<AllocationSitesGrowth> {
    const run = await heapdot(['sites', '--no-progress', '--format', 'json', ...args]);
    assert.equal(run.code, 0, run.stderr);
    return JSON.parse(run.stdout) as AllocationSitesGrowth;
  }

  it('text: names the leaking line first, +400 Leaked; then the sites by growth', async () => {
    const run = await heapdot(['sites', baseline, target, '--no-progress']);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.split('\n');
    assert.match(lines[0], /^before\s+after\s+delta\s+size delta\s+site\s+function\s+classes$/);
    assert.match(lines[1], /^\s*0\s+400\s+\+400\s+\+[\d.]+ KiB\s+(\S+)\s+leakSome\s+Leaked ×400 \(\+400\)$/);
    assert.ok(lines[1].includes(` ${leakLine} `), lines[1]);
    const later = (await heapdot(['sites', baseline, final, '--no-progress'])).stdout.split('\n')[1];
    assert.ok(later.includes(` ${leakLine} `), later);
    assert.match(later, /\s+\+1,200\s+.*Leaked ×1,200 \(\+1,200\)$/);
  });

  it('JSON: before, after and change per site, largest growth first; the dropped site last, the churned one nowhere', async () => {
    const result = await growth(baseline, target, '--limit', '100000');
    assert.equal(result.before, baseline);
    assert.equal(result.after, target);
    assert.equal(result.sites.length, result.siteCount);
    const [first] = result.sites;
    assert.equal(first.frames[0].functionName, 'leakSome');
    assert.equal(`${fileURLToPath(first.frames[0].scriptName)}:${first.frames[0].line}`, leakLine);
    assert.deepEqual([first.countBefore, first.countAfter, first.countDelta], [0, 400, 400]);
    assert.equal(first.sizeDelta, first.sizeAfter);
    assertDescending(result.sites.map((site) => site.countDelta));
    const dropped = result.sites.find((site) => site.frames[0]?.functionName === 'makeDropped');
    assert.ok(dropped && dropped.countDelta <= -50, JSON.stringify(dropped));
    // v8.writeHeapSnapshot collects garbage first: nothing churn made is left, before or after.
    const classes = result.sites.flatMap((site) => site.classes.map((each) => each.className));
    assert.ok(!classes.includes('Transient'));
    assert.equal(
      result.sites.reduce((total, site) => total + site.countDelta, 0),
      result.traced.countDelta,
    );
  });

  it('--class: the 50 Dropped gone from makeDropped; the 400 Leaked at leakSome and nowhere else', async () => {
    const dropped = await growth(baseline, target, '--class', 'Dropped');
    assert.deepEqual(
      dropped.sites.map((site) => [site.frames[0].functionName, site.countBefore, site.countAfter]),
      [['makeDropped', 50, 0]],
    );
    assert.deepEqual(dropped.sites[0].classes, [
      { className: 'Dropped', countBefore: 50, countAfter: 0, countDelta: -50 },
    ]);
    const leaked = await growth(baseline, target, '--class', 'Leaked');
    assert.equal(leaked.siteCount, 1);
    assert.equal(leaked.traced.countDelta, 400);
    assert.equal(leaked.untraced.countAfter, 0);
  });

  it('--stack, CSV and --sort size', async () => {
    const stack = await heapdot(['sites', baseline, target, '--no-progress', '--stack', '--depth', '2']);
    assert.equal(stack.code, 0, stack.stderr);
    const block = stack.stdout.split('\n\n')[0].split('\n');
    assert.match(block[0], /^#1: \+400 objects \(0 -> 400\), \+[\d.]+ KiB self: Leaked ×400 \(\+400\)$/);
    const leakStart = functionStart('leakSome', GROWTH_FIXTURE);
    assert.equal(block[1], `    at leakSome (${growthScript}:${leakStart.line}:${leakStart.column})`);
    assert.equal(block.length, 3);
    const csv = await heapdot([
      'sites',
      baseline,
      target,
      '--no-progress',
      '--format',
      'csv',
      '--limit',
      '1',
    ]);
    const rows = csv.stdout.trimEnd().split('\n');
    assert.equal(
      rows[0],
      'kind,function,script,line,column,countBefore,countAfter,countDelta,sizeBefore,sizeAfter,sizeDelta,classes',
    );
    assert.match(
      rows[1],
      new RegExp(
        `^site,leakSome,${pathToFileURL(growthScript).href},${leakStart.line},${leakStart.column},0,400,400,0,(\\d+),\\1,Leaked 0->400$`,
      ),
    );
    assert.match(rows[2], /^untraced,,,,,\d+,\d+,-?\d+,/);
    const bySize = await growth(baseline, final, '--sort', 'size', '--limit', '50');
    assert.equal(bySize.sort, 'size');
    assertDescending(bySize.sites.map((site) => site.sizeDelta));
    assert.equal(bySize.sites[0].frames[0].functionName, 'leakSome');
  });

  it('gives the same output for the same snapshots', async () => {
    assert.deepEqual(await growth(baseline, final, '--stack'), await growth(baseline, final, '--stack'));
  });

  it('refuses, in one line with exit status 2: an untracked snapshot (named), two processes, retained sizes', async () => {
    for (const [args, pattern] of [
      [[baseline, untracked], new RegExp(`^heapdot: ${untracked} has no allocation stacks`)],
      [[untracked, target], new RegExp(`^heapdot: ${untracked} has no allocation stacks`)],
      [
        [tracked, target],
        /^heapdot: sites BEFORE AFTER needs two snapshots of one process: .* name an object of the same class in both .*capture/,
      ],
      [[baseline, target, '--retained'], /--retained and --sort retained take one snapshot/],
      [[baseline, target, '--sort', 'retained'], /--retained and --sort retained take one snapshot/],
    ] as const) {
      const run = await heapdot(['sites', ...args, '--no-progress']);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
      assert.match(run.stderr, pattern);
    }
    const none = await heapdot(['sites', baseline, target, '--no-progress', '--class', 'NoSuchClass']);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /no object of class NoSuchClass in /);
  });
});

function sum(result: AllocationSites, field: 'count' | 'selfSize'): number {
  return result.sites.reduce((total, site) => total + site[field], 0);
}

function assertDescending(values: number[]): void {
  for (let i = 1; i < values.length; i++)
    assert.ok(values[i - 1] >= values[i], `${values[i - 1]} >= ${values[i]}`);
}

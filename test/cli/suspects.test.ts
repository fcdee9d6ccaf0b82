import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { readSnapshot, type SuspectJson, type SuspectsJson } from '../../src/index.js';
import { heapdot } from '../helpers/cli.js';
import { devToolsSnapshot } from '../helpers/devtools.js';
import { shapedSnapshot } from '../helpers/snapshots.js';
import { type ThreeSnapshots, threeSnapshots } from '../helpers/threeSnapshots.js';

// test/fixtures/suspects-service.mjs: 100 requests before each snapshot; each leaks a listener, a
// Map entry, an array entry in a closure, an interval and a kept copy of one banner text.
const BANNER = `Welcome to the service. ${'='.repeat(96)}`;
const STEPS = [100, 200, 300];

async function suspectsJson(args: string[]): Promise<SuspectsJson> {
  const run = await heapdot(['suspects', ...args, '--format', 'json']);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as SuspectsJson;
}

function series(snapshots: ThreeSnapshots): string[] {
  return [snapshots.baseline, snapshots.target, snapshots.final];
}

describe('heapdot suspects on a series of a service with five leaks', () => {
  let leaky: SuspectsJson;
  let clean: SuspectsJson;
  let top: SuspectJson[];
  before(async () => {
    leaky = await suspectsJson([...series(threeSnapshots('suspects-service.mjs')), '--top', '8']);
    clean = await suspectsJson(series(threeSnapshots('suspects-service.mjs', ['clean'])));
    top = leaky.suspects;
  });

  const growing = (path: string) =>
    top.find(
      (s): s is Extract<SuspectJson, { kind: 'growing' }> => s.kind === 'growing' && s.accessPath === path,
    );

  it('names the unbounded Map cache, with its entries per snapshot and its module variable', () => {
    const cache = growing('suspects-service.mjs: responseCache');
    assert.ok(cache, JSON.stringify(top.map((s) => s.accessPath)));
    assert.equal(cache.collection, 'Map');
    assert.deepEqual(cache.entries, STEPS);
    assert.ok(cache.retained[0] < cache.retained[1] && cache.retained[1] < cache.retained[2]);
  });

  it('names the listener array of the emitter, as a growing collection and as a listeners suspect', () => {
    const array = growing('suspects-service.mjs: bus._events["config-change"]');
    assert.ok(array);
    assert.deepEqual(array.entries, STEPS);
    const listeners = top.find((s) => s.kind === 'listeners');
    assert.ok(listeners && listeners.kind === 'listeners');
    assert.equal(listeners.event, 'config-change');
    assert.equal(listeners.count, 300);
    assert.equal(listeners.listener.name, 'onConfig');
    assert.match(listeners.listener.location ?? '', /^suspects-service\.mjs:\d+$/);
    assert.equal(listeners.accessPath, 'suspects-service.mjs: bus');
  });

  it('names the array a closure captures', () => {
    const history = growing('suspects-service.mjs: recordRequest captures history');
    assert.ok(history);
    assert.equal(history.collection, 'Array');
    assert.deepEqual(history.entries, STEPS);
  });

  it('names the timer list that holds an interval per request, counting its timers', () => {
    const timers = top.find((s) => s.kind === 'growing' && s.collection === 'timers');
    assert.ok(timers && timers.kind === 'growing');
    assert.equal(timers.node.className, 'TimersList');
    assert.deepEqual(timers.entries, STEPS);
    assert.match(timers.accessPath ?? '', /timerListMap\[3600000\]$/);
  });

  it('names the duplicated banner with its copies and where they are held', () => {
    const banner = top.find((s) => s.kind === 'strings' && s.text === BANNER.slice(0, 100));
    assert.ok(banner && banner.kind === 'strings', JSON.stringify(top.map((s) => s.kind)));
    assert.equal(banner.copies, 300);
    assert.equal(banner.wastedSize, 299 * banner.stringSize);
    assert.deepEqual(banner.heldBy, [{ accessPath: 'suspects-service.mjs: banners[*]', count: 300 }]);
  });

  it('ranks the growing ones first, by growth, and lists at most --top', () => {
    assert.equal(top.length, 8);
    const kinds = top.map((s) => s.kind);
    assert.deepEqual(kinds.slice(0, 5), ['growing', 'growing', 'growing', 'growing', 'growing']);
    const growth = top.flatMap((s) => (s.kind === 'growing' ? [s.growth] : []));
    assert.deepEqual(
      [...growth].sort((a, b) => b - a),
      growth,
    );
    assert.deepEqual(
      top.map((s) => s.rank),
      [1, 2, 3, 4, 5, 6, 7, 8],
    );
  });

  it('finds nothing growing in the clean service under the same load', () => {
    assert.equal(clean.found.growing, 0);
    assert.equal(clean.suspects.filter((s) => s.kind === 'growing' || s.kind === 'listeners').length, 0);
  });

  it('--only listeners looks for that kind alone; --max-listeners is its threshold', async () => {
    const only = await suspectsJson([
      ...series(threeSnapshots('suspects-service.mjs')),
      '--only',
      'listeners',
    ]);
    assert.deepEqual(only.kinds, ['listeners']);
    assert.deepEqual(
      only.suspects.map((s) => s.kind),
      ['listeners'],
    );
    const above = await suspectsJson([
      threeSnapshots('suspects-service.mjs').final,
      '--only',
      'listeners',
      '--max-listeners',
      '300',
    ]);
    assert.equal(above.suspects.length, 0);
  });

  it('writes the text and Markdown forms, and every chain picture or none', async () => {
    const files = series(threeSnapshots('suspects-service.mjs'));
    const text = await heapdot(['suspects', ...files, '--top', '8']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /Map entries 100 -> 200 -> 300/);
    assert.match(text.stdout, /has 300 "config-change" listeners from one source: onConfig/);
    const markdown = await heapdot(['suspects', ...files, '--top', '3', '--format', 'markdown']);
    assert.match(markdown.stdout, /^## Suspects in /);
    assert.match(markdown.stdout, /`suspects-service.mjs: responseCache`/);
    const folder = mkdtempSync(join(tmpdir(), 'heapdot-suspects-'));
    try {
      const run = await heapdot(['suspects', ...files, '--top', '3', '--out-dir', folder, '-q']);
      assert.equal(run.code, 0, run.stderr);
      const written = readdirSync(folder).sort();
      assert.equal(written.length, 6, written.join(' '));
      assert.ok(written.includes('suspect-1-growing-Map.dot'), written.join(' '));
      assert.match(readFileSync(join(folder, 'suspect-1-growing-Map.dot'), 'utf8'), /responseCache/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

/** Independently of heapdot: the string nodes of `text` in the snapshot's own JSON, and the size of one. */
function stringNodes(path: string, text: string): { copies: number; size: number } {
  const json = JSON.parse(readFileSync(path, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = json.snapshot.meta.node_fields;
  const stringType = json.snapshot.meta.node_types[0].indexOf('string');
  let copies = 0;
  let size = 0;
  for (let i = 0; i < json.nodes.length; i += fields.length) {
    if (json.nodes[i + fields.indexOf('type')] !== stringType) continue;
    if (json.strings[json.nodes[i + fields.indexOf('name')]] !== text) continue;
    copies++;
    size = json.nodes[i + fields.indexOf('self_size')];
  }
  return { copies, size };
}

describe('heapdot suspects on one snapshot', () => {
  let final: string;
  let report: SuspectsJson;
  before(async () => {
    final = threeSnapshots('suspects-service.mjs').final;
    report = await suspectsJson([final, '--only', 'holders,strings', '--top', '50']);
  });

  it("agrees with DevTools' retained sizes on big holders and their share of the heap", async () => {
    const devtools = await devToolsSnapshot(final);
    const graph = await readSnapshot(final);
    graph.indexIds();
    const total = devtools.retainedSizes[graph.rootOrdinal];
    assert.equal(report.totalSize, total);
    const holders = report.suspects.filter((s) => s.kind === 'holders');
    assert.ok(holders.length > 0);
    for (const holder of holders) {
      const retained = devtools.retainedSizes[graph.ordinalOfId(holder.node.id)];
      assert.equal(holder.node.retainedSize, retained);
      assert.equal(holder.share, retained / total);
      assert.ok(retained >= 0.1 * total);
      const point = devtools.retainedSizes[graph.ordinalOfId(holder.accumulationPoint.id)];
      assert.equal(holder.accumulationPoint.retainedSize, point);
      assert.ok(point >= 0.8 * retained, 'the accumulation point keeps most of its holder');
    }
    const store = holders.find((s) => s.accessPath === 'globalThis.bigStore');
    assert.ok(store && store.kind === 'holders');
    assert.equal(store.accumulationPath, 'globalThis.bigStore.blob');
  });

  it('counts duplicated strings as the snapshot has them', () => {
    const { copies, size } = stringNodes(final, BANNER);
    const banner = report.suspects.find((s) => s.kind === 'strings' && s.text === BANNER.slice(0, 100));
    assert.ok(banner && banner.kind === 'strings');
    assert.equal(banner.copies, copies);
    assert.equal(banner.stringSize, size);
    assert.equal(banner.wastedSize, (copies - 1) * size);
    const wasted = report.suspects.flatMap((s) => (s.kind === 'strings' ? [s.wastedSize] : []));
    assert.deepEqual(
      [...wasted].sort((a, b) => b - a),
      wasted,
    );
  });

  it("lists the banner first among duplicated strings, and leaves out the names Node's own code repeats", () => {
    const strings = report.suspects.filter((s) => s.kind === 'strings');
    assert.equal(strings[0]?.kind === 'strings' && strings[0].text, BANNER.slice(0, 100));
    // Node's own modules hold these by the hundred (the arguments of its module wrapper, on Node 20
    // and 24 alike): the snapshot has them, the report does not.
    for (const text of ['primordials', 'internalBinding', 'exports']) {
      const { copies } = stringNodes(final, text);
      assert.ok(copies >= 10, `${text}: ${copies} copies in the snapshot`);
      assert.ok(!strings.some((s) => s.kind === 'strings' && s.text === text), text);
    }
  });

  it('says that growth needs a series', async () => {
    const run = await heapdot(['suspects', final]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /growth needs two or more snapshots of one process/);
  });
});

describe('heapdot suspects --only strings on what a program holds', () => {
  it('counts copies held as Map keys, Set values and properties', async () => {
    const report = await suspectsJson([shapedSnapshot('held-strings.mjs'), '--only', 'strings']);
    const held = report.suspects.flatMap((s) => (s.kind === 'strings' ? [[s.text, s.copies]] : []));
    for (const text of ['a text kept as a Map key', 'a text kept in a Set', 'a text kept as a property'])
      assert.ok(
        held.some(([heldText, copies]) => heldText === text && copies === 30),
        JSON.stringify(held),
      );
  });
});

describe('heapdot suspects on snapshots whose ids do not compare', () => {
  it('refuses with one line and exit status 2', async () => {
    const renumbered = threeSnapshots('renumbered-heap.mjs');
    const run = await heapdot(['suspects', renumbered.baseline, renumbered.target]);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
    assert.match(run.stderr, /^heapdot: suspects needs snapshots of one numbering: /);
  });
});

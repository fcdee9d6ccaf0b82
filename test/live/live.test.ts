import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeHeapSnapshot } from 'node:v8';
import {
  getNewIds,
  growth,
  heapObjectId,
  isChainFound,
  mostCommonTypes,
  showBackrefs,
  showChain,
  showGrowth,
  showRefs,
  whyAlive,
} from '../../src/live/index.js';
import { RenderError } from '../../src/output/errors.js';
import { readSnapshot } from '../../src/snapshot/readSnapshot.js';
import { heapdotProcess } from '../helpers/cli.js';
import { fixturePath } from '../helpers/snapshots.js';

// These tests ask about this very process, as a developer would from inside a leaking service.
class LiveTarget {
  constructor(readonly label: string) {}
}
class GrowthSpecimen {}
class FreshSpecimen {}

type Holder = { registry: { entries: unknown[] } };
const slots = globalThis as unknown as { heapdotLiveHolder?: Holder; heapdotLiveKeep?: unknown[] };

describe('heapdot/live inside the test process', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'heapdot-live-'));
    slots.heapdotLiveHolder = { registry: { entries: ['a', 'b', 'c', new LiveTarget('the one')] } };
  });
  after(async () => {
    delete slots.heapdotLiveHolder;
    delete slots.heapdotLiveKeep;
    await rm(dir, { recursive: true, force: true });
  });

  it('whyAlive returns the exact chain of a shaped object, without its own references', async () => {
    const target = slots.heapdotLiveHolder!.registry.entries[3] as LiveTarget;
    const result = await whyAlive(target);
    assert.equal(result.found, true);
    if (!result.found) return;
    assert.deepEqual(result.edges.map((edge) => `${edge.type}:${edge.name}`).slice(1), [
      'property:heapdotLiveHolder',
      'property:registry',
      'property:entries',
      'element:3',
    ]);
    assert.equal(result.edges[0].type, 'shortcut');
    const classes = result.nodes.map((node) => node.className);
    // The global object's class name carries the context's name ("global / ").
    assert.match(classes[1], /^global/);
    assert.deepEqual(
      [classes[0], ...classes.slice(2)],
      ['(synthetic)', 'Object', 'Object', 'Array', 'LiveTarget'],
    );
    assert.equal(result.target.className, 'LiveTarget');
    assert.equal(result.target.id, await heapObjectId(target));
    assert.equal(result.distance, 5);
    // Nothing of heapdot's probe (a global symbol slot, a remote handle, the caller's stack) shows.
    const names = result.nodes.map((node) => node.name).join('\n');
    assert.doesNotMatch(names, /heapdot\.live\.probe|\(Stack roots\)|\(Handle scope\)/);
  });

  it('whyAlive gives the chain fields of heapdot chain --format json on a snapshot of the same heap', async () => {
    const target = slots.heapdotLiveHolder!.registry.entries[3] as LiveTarget;
    const answer = await whyAlive(target);
    // The heap profiler heapdot/live keeps on gives v8.writeHeapSnapshot the same ids.
    const file = join(dir, 'same-heap.heapsnapshot');
    writeHeapSnapshot(file);
    const run = heapdotProcess(['chain', file, `@${answer.target.id}`, '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const printed = JSON.parse(run.stdout) as typeof answer;
    // Two snapshots of one heap differ only in the global object: the inspector names it with its
    // context ("global / "), v8.writeHeapSnapshot does not, and its property store may have grown
    // in between. Every other field of the chain must be equal.
    const chainFields = (chain: typeof answer) => {
      assert.ok(chain.found, 'a found chain');
      const { target, found, rootKind, distance, edges } = chain;
      const nodes = chain.nodes.map((node) =>
        /^global/.test(node.className) ? { id: node.id, type: node.type, distance: node.distance } : node,
      );
      return { target, found, rootKind, distance, nodes, edges };
    };
    assert.deepEqual(chainFields(answer), chainFields(printed));
    assert.equal(answer.nodes.filter((node) => /^global/.test(node.className)).length, 1);
    // In the same order: DESIGN.md's keys, then (the CLI only) the user chain's.
    const stable = ['target', 'found', 'rootKind', 'distance', 'nodes', 'edges'];
    assert.deepEqual(Object.keys(answer).slice(0, stable.length), stable);
    assert.deepEqual(Object.keys(printed).slice(0, stable.length), stable);
    assert.equal(JSON.stringify(answer.target), JSON.stringify(printed.target));
    assert.equal(answer.target.className, 'LiveTarget');
    // Both add the user view's chain, the same one; raw: true answers with DevTools' chain alone.
    assert.ok(isChainFound(answer) && isChainFound(printed));
    assert.equal(answer.accessPath, 'globalThis.heapdotLiveHolder.registry.entries[3]');
    assert.equal(answer.accessPath, printed.accessPath);
    assert.equal(answer.anchor?.kind, 'global');
    assert.deepEqual(
      answer.steps?.map((step) => step.label),
      printed.steps?.map((step) => step.label),
    );
    const raw = await whyAlive(target, { raw: true });
    assert.deepEqual(Object.keys(raw), stable);
    assert.ok(isChainFound(raw) && raw.accessPath === undefined);
  });

  it('showChain draws the user chain by default, and DevTools chain with raw: true', async () => {
    const target = slots.heapdotLiveHolder!.registry.entries[3] as LiveTarget;
    const user = await showChain(target, { filename: join(dir, 'user-chain.txt') });
    const text = await readFile(user, 'utf8');
    assert.equal(text.split('\n')[0], 'globalThis.heapdotLiveHolder.registry.entries[3]');
    const raw = await showChain(target, { filename: join(dir, 'raw-chain.txt'), raw: true });
    const rawText = await readFile(raw, 'utf8');
    assert.match(rawText.split('\n')[0], /^\[\(root\)\]/);
    assert.match(rawText, /--entries \(property\)--->/);
  });

  it('an object only the caller holds is not alive for any other reason: weak-only', async () => {
    const lonely = new LiveTarget('held by this function only');
    const result = await whyAlive(lonely);
    assert.equal(isChainFound(result), false);
    if (result.found) return;
    assert.equal(result.reason, 'weak-only');
    assert.equal(result.target.id, await heapObjectId(lonely));
  });

  it('calls made together run one after another, each with its own snapshot', async () => {
    const target = slots.heapdotLiveHolder!.registry.entries[3] as LiveTarget;
    const [plain, retained, types] = await Promise.all([
      whyAlive(target),
      whyAlive(target, { retained: true }),
      mostCommonTypes({ limit: 3 }),
    ]);
    assert.ok(plain.found && retained.found);
    assert.deepEqual(
      retained.edges.map((edge) => edge.name),
      plain.edges.map((edge) => edge.name),
    );
    assert.equal(plain.target.retainedSize, undefined);
    // The LiveTarget holds its label only: its retained size is at least its own.
    assert.ok((retained.target.retainedSize ?? 0) >= retained.target.selfSize);
    assert.equal(types.length, 3);
  });

  it('whyAlive of a value that is not an object is a TypeError', async () => {
    await assert.rejects(whyAlive(42 as unknown as object), TypeError);
    await assert.rejects(whyAlive(null as unknown as object), TypeError);
  });

  it('showGrowth reports the growth of a class between two calls exactly', async () => {
    await growth({ limit: 100000 });
    const keep: GrowthSpecimen[] = [];
    for (let i = 0; i < 137; i++) keep.push(new GrowthSpecimen());
    slots.heapdotLiveKeep = keep;
    let printed = '';
    const rows = await showGrowth({ limit: 100000, file: { write: (text: string) => (printed += text) } });
    const row = rows.find((r) => r.className === 'GrowthSpecimen');
    assert.deepEqual(row, { className: 'GrowthSpecimen', count: 137, delta: 137 });
    assert.match(printed, /^GrowthSpecimen +137 +\+137$/m);
    // No new instances: no growth. Ten more: +10 above the peak of 137.
    assert.equal(
      (await growth({ limit: 100000 })).find((r) => r.className === 'GrowthSpecimen'),
      undefined,
    );
    for (let i = 0; i < 10; i++) keep.push(new GrowthSpecimen());
    assert.deepEqual(
      (await growth({ limit: 100000 })).find((r) => r.className === 'GrowthSpecimen'),
      { className: 'GrowthSpecimen', count: 147, delta: 10 },
    );
    // Dropping below the peak is not growth, and coming back up to it is not either.
    keep.length = 100;
    assert.equal(
      (await growth({ limit: 100000 })).find((r) => r.className === 'GrowthSpecimen'),
      undefined,
    );
  });

  it('getNewIds gives the ids of the objects made since the previous call', async () => {
    await getNewIds();
    const fresh = [new FreshSpecimen(), new FreshSpecimen(), new FreshSpecimen()];
    slots.heapdotLiveKeep = fresh;
    const ids = (await getNewIds()).get('FreshSpecimen');
    const expected: number[] = [];
    for (const value of fresh) expected.push(await heapObjectId(value));
    expected.sort((a, b) => a - b);
    assert.deepEqual(ids, expected);
    // Ids stay the same from call to call, so nothing is new the second time.
    assert.equal((await getNewIds()).get('FreshSpecimen'), undefined);
  });

  it('mostCommonTypes lists classes by count, most first, up to the limit', async () => {
    const rows = await mostCommonTypes({ limit: 5 });
    assert.equal(rows.length, 5);
    for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1][1] >= rows[i][1]);
  });

  it('showChain, showBackrefs and showRefs write DOT, images, JSON and text by file name', async () => {
    const target = slots.heapdotLiveHolder!.registry.entries[3] as object;
    const dot = join(dir, 'chain.dot');
    assert.equal(await showChain(target, { filename: dot }), dot);
    const dotText = await readFile(dot, 'utf8');
    assert.match(dotText, /^digraph/);
    assert.match(dotText, /LiveTarget/);
    assert.match(dotText, /heapdotLiveHolder/);
    const png = join(dir, 'backrefs.png');
    await showBackrefs(target, { filename: png, maxDepth: 2 });
    const header = (await readFile(png)).subarray(0, 8);
    assert.deepEqual([...header], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const json = join(dir, 'backrefs.json');
    await showBackrefs(target, { filename: json, maxDepth: 1 });
    const model = JSON.parse(await readFile(json, 'utf8')) as { nodes: { className?: string }[] };
    assert.ok(model.nodes.some((node) => node.className === 'Array'));
    const text = join(dir, 'refs.txt');
    await showRefs(target, { filename: text, maxDepth: 1 });
    assert.match(await readFile(text, 'utf8'), /label/);
    await assert.rejects(
      showChain(target, { filename: join(dir, 'chain.xyz') }),
      /cannot tell what to write/,
    );
  });

  it("files go through the CLI's output path: checked first, written whole, refused with a coded RenderError", async () => {
    const target = slots.heapdotLiveHolder!.registry.entries[3] as object;
    const folder = join(dir, 'through-output');
    await mkdir(join(folder, 'in-the-way.svg'), { recursive: true });
    const refused = (code: string, message: RegExp) => (error: unknown) =>
      error instanceof RenderError && error.code === code && message.test(error.message);
    await assert.rejects(
      showChain(target, { filename: join(folder, 'missing', 'chain.dot') }),
      refused('WRITE_FAILED', /its folder .*missing does not exist/),
    );
    await assert.rejects(
      showChain(target, { filename: join(folder, 'in-the-way.svg') }),
      refused('WRITE_FAILED', /in-the-way\.svg: it is a folder/),
    );
    await assert.rejects(
      showRefs(target, { filename: join(folder, 'refs.md') }),
      refused('FORMAT_NOT_WRITTEN', /does not write markdown; it writes text, dot, json/),
    );
    await assert.rejects(
      showChain(target, { filename: join(folder, 'chain.xyz') }),
      refused('UNKNOWN_FORMAT', /chain\.xyz/),
    );
    assert.deepEqual(await readdir(folder), ['in-the-way.svg'], 'nothing written by a refused call');
    const svg = join(folder, 'chain.svg');
    assert.equal(await showChain(target, { filename: svg }), svg);
    assert.match(await readFile(svg, 'utf8'), /<svg[\s\S]*LiveTarget/);
    assert.deepEqual(await readdir(folder), ['chain.svg', 'in-the-way.svg'], 'no temporary file left');
    const markdown = join(folder, 'chain.md');
    await showChain(target, { filename: markdown });
    assert.match(await readFile(markdown, 'utf8'), /LiveTarget/);
  });

  it('asking does not turn off allocation tracking in a process that has it on', async () => {
    const out = join(dir, 'tracked.heapsnapshot');
    execFileSync(process.execPath, [
      '--track-heap-objects',
      '--import',
      'tsx',
      fixturePath('live-keeps-tracking.ts'),
      out,
    ]);
    const graph = await readSnapshot(out);
    const traces = graph.allocationTraces;
    assert.ok(traces && graph.nodeTraceId, 'the snapshot has allocation stacks');
    let traced = 0;
    for (let node = 0; node < graph.nodeCount; node++) {
      if (graph.className(node) !== 'Marker') continue;
      const entry = traces.entryOfId(graph.nodeTraceId[node]);
      if (entry !== -1 && traces.frame(entry).functionName === 'makeMarkers') traced++;
    }
    assert.equal(traced, 50);
  });
});

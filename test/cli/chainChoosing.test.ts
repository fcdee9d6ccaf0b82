import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { heapdot } from '../helpers/cli.js';
import { shapedSnapshot } from '../helpers/snapshots.js';

/** test/fixtures/stack-held.cjs: one Report on the stack only, one in `reportCache` and `recent`. */
const snapshot = shapedSnapshot('stack-held.cjs');

interface ChainJson {
  found: boolean;
  reason?: string;
  target: { id: number; className: string };
  nodes: { id: number; name: string }[];
  accessPath?: string;
  anchor?: { kind: string; name: string; node: { id: number } };
  steps?: { rawNodes: number[]; node: { id: number } }[];
  leftOut?: { ids: number[]; pattern?: string; count: number };
}

async function chainJson(...args: string[]): Promise<{ chain: ChainJson; stderr: string; code: number }> {
  const run = await heapdot(['chain', snapshot, ...args, '--format', 'json', '--no-progress']);
  return { chain: JSON.parse(run.stdout) as ChainJson, stderr: run.stderr, code: run.code };
}

/** Every id a chain passes through: its raw nodes, and the user chain's anchor, steps and folded nodes. */
function idsOf(chain: ChainJson): Set<number> {
  const ids = new Set(chain.nodes.map((node) => node.id));
  if (chain.anchor) ids.add(chain.anchor.node.id);
  for (const step of chain.steps ?? []) {
    ids.add(step.node.id);
    for (const id of step.rawNodes) ids.add(id);
  }
  return ids;
}

describe('--pick nearest in the user view', () => {
  it('passes over the Report only the stack holds (DevTools nearest) for the one the module holds', async () => {
    const raw = await chainJson('Report', '--raw');
    assert.equal(raw.code, 0);
    assert.ok(
      raw.chain.nodes.some((node) => node.name === '(Stack roots)'),
      "--raw keeps DevTools' nearest: through (Stack roots)",
    );
    const { chain, stderr, code } = await chainJson('Report');
    assert.equal(code, 0, stderr);
    assert.notEqual(chain.target.id, raw.chain.target.id);
    assert.equal(chain.anchor?.kind, 'module');
    assert.equal(chain.accessPath, 'stack-held.cjs: recent[0]');
    assert.match(
      stderr,
      /^2 objects match Report; showing the nearest of those an anchor other than the stack or native handles holds \(1 passed over\), @\d+/,
    );
    // The stack-only one is still there for whoever asks for it.
    const stackOnly = await chainJson(`@${raw.chain.target.id}`);
    assert.equal(stackOnly.chain.anchor?.kind, 'native');
    assert.match(stackOnly.chain.accessPath ?? '', /^on the stack \(Stack roots\)/);
  });
});

describe('chain --ignore and --avoid', () => {
  it('--ignore the array: the next shortest user chain goes through the Map, and says what was left out', async () => {
    const first = await chainJson('Report');
    const recent = first.chain.anchor!.node.id;
    const { chain, code } = await chainJson('Report', '--ignore', `@${recent}`);
    assert.equal(code, 0);
    assert.equal(chain.target.id, first.chain.target.id);
    assert.equal(chain.accessPath, 'stack-held.cjs: reportCache.get("/reports/cached")');
    assert.deepEqual(chain.leftOut, { ids: [recent], count: 1 });
    assert.ok(!idsOf(chain).has(recent), 'neither the user nor the raw chain passes through it');
    const text = await heapdot(['chain', snapshot, 'Report', '--ignore', `@${recent}`, '-q']);
    assert.match(text.stdout, new RegExp(`\\n\\(left out: @${recent} \\(1 object\\)\\)\\n$`));
    const markdown = await heapdot([
      'chain',
      snapshot,
      'Report',
      '--ignore',
      `@${recent}`,
      '-q',
      '--format',
      'markdown',
    ]);
    assert.ok(
      markdown.stdout.includes(
        `\n\n\`stack-held.cjs: reportCache.get("/reports/cached")\`\n\nLeft out: @${recent} (1 object).\n\n`,
      ),
      markdown.stdout,
    );
    for (const raw of [[], ['--raw']]) {
      const dot = await heapdot([
        'chain',
        snapshot,
        'Report',
        '--ignore',
        `@${recent}`,
        '-q',
        '--format',
        'dot',
        ...raw,
      ]);
      const note = /"note" \[\n\s+label = "([^\n]*)";/.exec(dot.stdout)?.[1] ?? dot.stdout;
      assert.ok(note.endsWith(`left out: @${recent} (1 object)`), `${raw}: ${note}`);
    }
  });

  it('--avoid a class: no object of it is on either chain; the raw chain too is the next shortest', async () => {
    const { chain, code } = await chainJson('Report', '--avoid', '/^(Map|Array)$/');
    assert.equal(code, 0);
    assert.equal(chain.leftOut?.pattern, '/^(Map|Array)$/');
    assert.ok((chain.leftOut?.count ?? 0) > 2);
    // Only the stack holds the Report once its Map and array are left out.
    assert.equal(chain.anchor?.kind, 'native');
    const raw = await chainJson('Report', '--avoid', '/^(Map|Array)$/', '--raw');
    assert.ok(raw.chain.leftOut);
    const classes = await heapdot([
      'find',
      snapshot,
      '/^(Map|Array)$/',
      '--format',
      'json',
      '--limit',
      '100000',
    ]);
    const avoided = new Set((JSON.parse(classes.stdout) as { id: number }[]).map((node) => node.id));
    for (const id of [...idsOf(chain), ...idsOf(raw.chain)]) assert.ok(!avoided.has(id), `@${id}`);
  });

  it('exits 1 with the reason when nothing but the left-out retainers holds the target', async () => {
    // recent[0].rows[0]: the Report is the step before `.rows`.
    const row = await chainJson('Row');
    assert.equal(row.chain.accessPath, 'stack-held.cjs: recent[0].rows[0]');
    const holder = row.chain.steps![0].node.id;
    const run = await heapdot(['chain', snapshot, 'Row', '--ignore', `@${holder}`, '--no-progress']);
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      new RegExp(
        `@\\d+: nothing but the retainers left out holds it \\(left out: @${holder} \\(1 object\\)\\)\\n$`,
      ),
    );
    const json = await chainJson('Row', '--ignore', `@${holder}`);
    assert.equal(json.code, 1);
    assert.equal(json.chain.found, false);
    assert.deepEqual(json.chain.leftOut, { ids: [holder], count: 1 });
    const markdown = await heapdot([
      'chain',
      snapshot,
      'Row',
      '--ignore',
      `@${holder}`,
      '-q',
      '--format',
      'markdown',
    ]);
    assert.ok(markdown.stdout.includes(`\n\nLeft out: @${holder} (1 object).\n\n`), markdown.stdout);
  });

  it('an id that is not in the snapshot is bad usage (exit 2, one line)', async () => {
    const run = await heapdot(['chain', snapshot, 'Report', '--ignore', '@4294967295']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--ignore names no object: @4294967295\n$/);
    assert.equal(run.stdout, '');
    const bad = await heapdot(['chain', snapshot, 'Report', '--ignore', 'Map']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /use ids such as @123,@456/);
  });
});

describe('a pending promise as an anchor', () => {
  it('what a then callback captures is held by the promise it waits on, not by the stack', async () => {
    const { chain, code, stderr } = await chainJson('Pending');
    assert.equal(code, 0, stderr);
    assert.equal(chain.anchor?.kind, 'promise');
    const promise = chain.anchor!.node.id;
    assert.equal(chain.anchor?.name, `pending Promise @${promise}`);
    assert.equal(chain.accessPath, `pending Promise @${promise} then(onSettled) captures pending`);
    // Only the stack holds the promise: DevTools' chain starts there.
    const raw = await chainJson('Pending', '--raw');
    assert.ok(raw.chain.nodes.some((node) => node.name === '(Stack roots)'));
    assert.ok(raw.chain.nodes.some((node) => node.id === promise));
    const text = await heapdot(['chain', snapshot, 'Pending', '-q']);
    assert.match(text.stdout, new RegExp(`\\(callbacks wait on pending Promise @${promise}\\)`));
  });

  // A pending promise that a global names is named by it: test/view/foldingRules.test.ts (reaction).
});

describe('backrefs --ignore and --avoid', () => {
  interface BackrefsJson {
    nodes: { id?: number; className?: string; anchor?: string }[];
    edges: { step?: string }[];
    notes: string[];
  }
  async function backrefsJson(...args: string[]): Promise<BackrefsJson> {
    const run = await heapdot(['backrefs', snapshot, ...args, '--format', 'json', '-q']);
    assert.equal(run.code, 0, run.stderr);
    return JSON.parse(run.stdout) as BackrefsJson;
  }

  it('leave the retainers out of the picture, keep the others, and say what was left out', async () => {
    const chain = (await chainJson('Report')).chain;
    const report = `@${chain.target.id}`;
    const recent = chain.anchor!.node.id;
    const all = await backrefsJson(report);
    const classes = (picture: BackrefsJson) => picture.nodes.map((node) => node.anchor ?? node.className);
    assert.ok(
      all.nodes.some((node) => node.id === recent),
      'the array is drawn by default',
    );
    assert.ok(classes(all).includes('Map'));
    assert.ok(!all.notes.some((note) => note.startsWith('left out')));

    const ignored = await backrefsJson(report, '--ignore', `@${recent}`);
    assert.ok(!ignored.nodes.some((node) => node.id === recent), 'the ignored array is not drawn');
    assert.ok(classes(ignored).includes('Map'), 'the Map still holds it');
    assert.ok(ignored.edges.some((edge) => edge.step === '.get("/reports/cached")'));
    assert.ok(ignored.notes.includes(`left out: @${recent} (1 object)`), ignored.notes.join('; '));

    const avoided = await backrefsJson(report, '--avoid', '/^Map$/');
    assert.ok(!classes(avoided).includes('Map'), 'no Map is drawn');
    assert.ok(
      avoided.nodes.some((node) => node.id === recent),
      'the array still holds it',
    );
    assert.ok(avoided.notes.some((note) => /^left out: class \/\^Map\$\/ \(\d+ objects\)$/.test(note)));
    const raw = await backrefsJson(report, '--avoid', '/^Map$/', '--raw');
    assert.ok(!classes(raw).includes('Map'), '--raw leaves them out too');

    const text = await heapdot(['backrefs', snapshot, report, '--ignore', `@${recent}`, '-q']);
    assert.ok(text.stdout.includes(`note: left out: @${recent} (1 object)\n`), text.stdout);
    const bad = await heapdot(['backrefs', snapshot, report, '--ignore', '@4294967295']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--ignore names no object: @4294967295\n$/);
    assert.equal(bad.stdout, '');
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { heapdot } from '../helpers/cli.js';
import { shapedSnapshot } from '../helpers/snapshots.js';

/** test/fixtures/stack-held.cjs: two Reports (one on the stack only, one the module holds) and one Row. */
const snapshot = shapedSnapshot('stack-held.cjs');
const directory = mkdtempSync(join(tmpdir(), 'heapdot-cli-target-'));

/** Every command that takes one object, as it runs with nothing written but its answer. */
const ONE_OBJECT: Record<string, (target: string, ...more: string[]) => string[]> = {
  chain: (target, ...more) => ['chain', snapshot, target, ...more],
  graphs: (target, ...more) => ['graphs', snapshot, target, '--out-dir', join(directory, 'graphs'), ...more],
  dominators: (target, ...more) => ['dominators', snapshot, target, ...more],
  treemap: (target, ...more) => ['treemap', snapshot, target, ...more],
};
/** And those that take every match, or the first --limit. */
const SEVERAL: Record<string, (target: string) => string[]> = {
  find: (target) => ['find', snapshot, target],
  backrefs: (target) => ['backrefs', snapshot, target],
  refs: (target) => ['refs', snapshot, target],
  paths: (target) => ['paths', snapshot, target],
};

describe('one target chooser for every command', () => {
  it('a --pick beyond the matches: the same line and exit status 1 from each command', async () => {
    for (const [name, args] of Object.entries(ONE_OBJECT)) {
      const two = await heapdot([...args('Report', '--pick', '3'), '--no-progress']);
      assert.deepEqual(
        [two.code, two.stderr, two.stdout],
        [1, `heapdot: ${snapshot}: only 2 objects match Report\n`, ''],
        name,
      );
      const one = await heapdot([...args('Row', '--pick', '2'), '--no-progress']);
      assert.deepEqual(
        [one.code, one.stderr],
        [1, `heapdot: ${snapshot}: only 1 object matches Row\n`],
        name,
      );
    }
  });

  it('no match: the same line with the nearest class names and exit status 1 from each command', async () => {
    const commands = { ...ONE_OBJECT, ...SEVERAL };
    for (const [name, args] of Object.entries(commands)) {
      const run = await heapdot([...args('Reprt'), '--no-progress']);
      assert.deepEqual(
        [run.code, run.stderr, run.stdout],
        [1, `heapdot: ${snapshot}: no object matches Reprt; did you mean Report?\n`, ''],
        name,
      );
    }
  });

  it('several matches: each command that takes one names it in the same note, which --quiet drops', async () => {
    const notes = new Set<string>();
    for (const [name, args] of Object.entries(ONE_OBJECT)) {
      const run = await heapdot([...args('Report', '--pick', '2'), '--no-progress']);
      assert.equal(run.code, 0, `${name}: ${run.stderr}`);
      assert.match(
        run.stderr,
        /^2 objects match Report; showing number 2, @\d+ \(choose with --pick N; list them with heapdot find\)\n$/,
        name,
      );
      notes.add(run.stderr);
      const quiet = await heapdot([...args('Report', '--pick', '2'), '--quiet']);
      assert.equal(quiet.stderr, '', name);
    }
    assert.equal(notes.size, 1, 'one object, named the same way by every command');
  });

  it('in the user view, chain, graphs, backrefs and refs take the same Report: the one the module holds', async () => {
    const chain = await heapdot(['chain', snapshot, 'Report', '--format', 'json', '-q']);
    const taken = (JSON.parse(chain.stdout) as { target: { id: number } }).target.id;
    const raw = await heapdot(['chain', snapshot, 'Report', '--raw', '--format', 'json', '-q']);
    assert.notEqual((JSON.parse(raw.stdout) as { target: { id: number } }).target.id, taken);
    for (const kind of ['backrefs', 'refs']) {
      const run = await heapdot([kind, snapshot, 'Report', '--format', 'json', '-q']);
      const nodes = (JSON.parse(run.stdout) as { nodes: { id?: number; target?: true }[] }).nodes;
      assert.deepEqual(
        nodes.filter((node) => node.target).map((node) => node.id),
        [taken],
        kind,
      );
    }
    const out = join(directory, 'user');
    const graphs = await heapdot(['graphs', snapshot, 'Report', '--out-dir', out, '--no-progress']);
    assert.equal(graphs.code, 0, graphs.stderr);
    assert.match(graphs.stderr, new RegExp(`showing the nearest of those .*, @${taken} `));
    assert.match(readFileSync(join(out, 'chain.dot'), 'utf8'), /stack-held\.cjs: recent\[0\]/);
    assert.match(readFileSync(join(out, 'backrefs.dot'), 'utf8'), new RegExp(`@${taken}\\b`));
  });
});

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { heapdot } from '../helpers/cli.js';
import { shapedSnapshot } from '../helpers/snapshots.js';
import { threeSnapshots } from '../helpers/threeSnapshots.js';

const { baseline, target, final } = threeSnapshots();

interface ClassRow {
  className: string;
  count: number;
  selfSize: number;
  retainedSize?: number;
}
interface DiffRow {
  className: string;
  countBefore: number;
  countAfter: number;
  countDelta: number;
  newObjects?: number;
  freedObjects?: number;
}

describe('heapdot types', () => {
  it('counts exactly 1,500 of the leaked class in the third snapshot, with sizes', async () => {
    const run = await heapdot(['types', final, '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const rows = JSON.parse(run.stdout) as ClassRow[];
    const leaky = rows.find((row) => row.className === 'Leaky');
    assert.equal(leaky?.count, 1500);
    assert.ok((leaky?.selfSize ?? 0) > 0);
    assert.ok((leaky?.retainedSize ?? 0) >= (leaky?.selfSize ?? 0));
    assert.equal(rows.find((row) => row.className === 'Transient')?.count, 1);
  });

  it('sorts by count, self or retained size, and writes CSV', async () => {
    for (const [sort, key] of [
      ['count', 'count'],
      ['self', 'selfSize'],
      ['retained', 'retainedSize'],
    ] as const) {
      const rows = JSON.parse(
        (await heapdot(['types', final, '--sort', sort, '--format', 'json'])).stdout,
      ) as ClassRow[];
      for (let i = 1; i < rows.length; i++)
        assert.ok((rows[i - 1][key] ?? 0) >= (rows[i][key] ?? 0), `${sort} at ${i}`);
    }
    const csv = (await heapdot(['types', final, '--format', 'csv'])).stdout.split('\n');
    assert.equal(csv[0], 'class,count,selfSize,retainedSize');
    assert.ok(csv.some((line) => /^Leaky,1500,\d+,\d+$/.test(line)));
  });

  it('--no-retained leaves retained sizes out; --limit cuts the text', async () => {
    const rows = JSON.parse(
      (await heapdot(['types', final, '--no-retained', '--format', 'json'])).stdout,
    ) as ClassRow[];
    assert.ok(rows.every((row) => row.retainedSize === undefined));
    const text = (await heapdot(['types', final, '--limit', '3'])).stdout.trimEnd().split('\n');
    assert.equal(text.length, 1 + 3 + 1);
    assert.match(text.at(-1)!, /more classes; raise --limit/);
  });
});

describe('heapdot diff', () => {
  it('1 -> 2: +500 and 500 new objects of the leaked class; no growth for the dropped one', async () => {
    const run = await heapdot(['diff', baseline, target, '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const diff = JSON.parse(run.stdout) as { idsComparable: boolean; classes: DiffRow[] };
    assert.equal(diff.idsComparable, true);
    const leaky = diff.classes.find((row) => row.className === 'Leaky');
    assert.deepEqual(
      {
        before: leaky?.countBefore,
        after: leaky?.countAfter,
        delta: leaky?.countDelta,
        new: leaky?.newObjects,
        freed: leaky?.freedObjects,
      },
      { before: 0, after: 500, delta: 500, new: 500, freed: 0 },
    );
    const transient = diff.classes.find((row) => row.className === 'Transient');
    assert.equal(transient?.countDelta, 0);
    assert.equal(transient?.newObjects, 0);
    assert.equal(
      diff.classes[0].className === 'Leaky' || diff.classes[0].countDelta >= 500,
      true,
      'sorted by growth',
    );
  });

  it('--new lists the new objects of a class, one id per line, ready for chain', async () => {
    const run = await heapdot(['diff', baseline, target, '--new', 'Leaky']);
    const ids = run.stdout.trimEnd().split('\n');
    assert.equal(ids.length, 500);
    assert.ok(ids.every((id) => /^@\d+$/.test(id)));
    const chain = await heapdot(['chain', target, ids[0], '--format', 'json']);
    assert.equal(JSON.parse(chain.stdout).target.className, 'Leaky');
  });

  it('writes CSV with one row per class', async () => {
    const csv = (await heapdot(['diff', baseline, target, '--format', 'csv'])).stdout.split('\n');
    assert.equal(
      csv[0],
      'class,countBefore,countAfter,countDelta,sizeBefore,sizeAfter,sizeDelta,newObjects,freedObjects',
    );
    assert.ok(csv.some((line) => /^Leaky,0,500,500,0,\d+,\d+,500,0$/.test(line)));
  });

  it('says so when two snapshots come from different processes, and still compares counts', async () => {
    const other = shapedSnapshot('dominator-heap.mjs');
    const run = await heapdot(['diff', baseline, other, '--format', 'json']);
    assert.equal(run.code, 0);
    assert.match(run.stderr, /share [\d.]+% of their ids; comparing counts only/);
    const diff = JSON.parse(run.stdout) as { idsComparable: boolean; classes: DiffRow[] };
    assert.equal(diff.idsComparable, false);
    const vault = diff.classes.find((row) => row.className === 'Vault');
    assert.deepEqual([vault?.countBefore, vault?.countAfter, vault?.newObjects], [0, 1, undefined]);
  });
});

describe('heapdot leaks', () => {
  it('groups the 500 leaked objects of the first batch by user-level path, ranked by retained size; draws user chains', async () => {
    const out = mkdtempSync(join(tmpdir(), 'heapdot-leaks-'));
    const run = await heapdot(['leaks', baseline, target, final, '--format', 'json', '--out-dir', out, '-q']);
    assert.equal(run.code, 0, run.stderr);
    const leaks = JSON.parse(run.stdout) as {
      leaked: number;
      groups: {
        accessPath: string;
        className: string;
        count: number;
        retainedSize: number;
        example: number;
      }[];
      classes: { className: string; count: number; example: number }[];
    };
    assert.deepEqual(
      leaks.groups.map(({ accessPath, className, count }) => ({ accessPath, className, count })),
      [{ accessPath: 'globalThis.leaked[*]', className: 'Leaky', count: 500 }],
      "one group: the array's elements, indexes merged; V8's own classes left out",
    );
    assert.ok(leaks.groups[0].retainedSize >= 500 * 16);
    assert.ok(leaks.leaked > 500, 'V8 allocated objects of its own too, counted but not grouped');
    assert.deepEqual(
      leaks.classes.map((group) => [group.className, group.count]),
      [['Leaky', 500]],
    );
    const dot = readFileSync(join(out, 'chain-1-Leaky.dot'), 'utf8');
    assert.ok(existsSync(join(out, 'chain-1-Leaky.png')));
    assert.match(dot, /globalThis\.leaked\[\d+\]/, 'the picture is the user chain, from the global');
    assert.doesNotMatch(dot, /\(number\)|\(system\)|\(array\)/);
  });

  it("--all groups the objects of V8's own classes too; the groups are ranked by retained size", async () => {
    const run = await heapdot(['leaks', baseline, target, final, '--format', 'json', '--all', '-q']);
    assert.equal(run.code, 0, run.stderr);
    const leaks = JSON.parse(run.stdout) as {
      groups: { className: string; retainedSize: number; count: number }[];
    };
    assert.ok(
      leaks.groups.some((group) => group.className.startsWith('(')),
      'an internal class is grouped',
    );
    const sizes = leaks.groups.map((group) => group.retainedSize);
    assert.deepEqual(
      sizes,
      [...sizes].sort((a, b) => b - a),
    );
  });

  it("--raw keeps the groups by class and the merged raw paths, and draws DevTools' chain per class", async () => {
    const out = mkdtempSync(join(tmpdir(), 'heapdot-leaks-'));
    const run = await heapdot([
      'leaks',
      baseline,
      target,
      final,
      '--raw',
      '--format',
      'json',
      '--out-dir',
      out,
      '-q',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const leaks = JSON.parse(run.stdout) as {
      classes: { className: string; count: number; example: number }[];
      paths: { count: number; children: unknown[] };
    };
    const leaky = leaks.classes.find((group) => group.className === 'Leaky');
    assert.equal(leaky?.count, 500);
    const text = JSON.stringify(leaks.paths);
    assert.match(text, /"leaked"/, 'the path goes through the global array `leaked`');
    assert.ok(existsSync(join(out, 'chain-Leaky.dot')) && existsSync(join(out, 'chain-Leaky.png')));
    assert.match(readFileSync(join(out, 'chain-Leaky.dot'), 'utf8'), /Leaky/);
  });
});

describe("rankings leave out V8's own classes unless --all", () => {
  const internal = (name: string) =>
    ['(system)', '(compiled code)', '(object shape)', '(array)', '(number)', '(synthetic)'].includes(name) ||
    name.startsWith('system / ') ||
    name === '(concatenated string)' ||
    name === '(sliced string)';

  it("types: no row of V8's own by default, all of them with --all; (string) stays", async () => {
    const run = await heapdot(['types', final, '--no-retained', '--format', 'json']);
    const rows = JSON.parse(run.stdout) as ClassRow[];
    const all = JSON.parse(
      (await heapdot(['types', final, '--no-retained', '--format', 'json', '--all'])).stdout,
    ) as ClassRow[];
    assert.ok(rows.length > 0 && !rows.some((row) => internal(row.className)));
    assert.ok(rows.some((row) => row.className === '(string)'));
    const hidden = all.filter((row) => internal(row.className));
    assert.ok(hidden.length > 0);
    assert.equal(rows.length + hidden.length, all.length);
    assert.match(
      run.stderr,
      new RegExp(`^types: ${hidden.length} classes of V8's own left out .*; --all lists them\n$`),
    );
    const quiet = await heapdot(['types', final, '--no-retained', '-q']);
    assert.equal(quiet.stderr, '');
  });

  it("diff: growth of user classes only by default; --all lists V8's own", async () => {
    const rows = (
      JSON.parse((await heapdot(['diff', baseline, target, '--format', 'json', '-q'])).stdout) as {
        classes: DiffRow[];
      }
    ).classes;
    const all = (
      JSON.parse((await heapdot(['diff', baseline, target, '--format', 'json', '--all'])).stdout) as {
        classes: DiffRow[];
      }
    ).classes;
    assert.ok(!rows.some((row) => internal(row.className)));
    assert.ok(all.some((row) => internal(row.className) && row.countDelta > 0));
    assert.equal(rows[0].className, 'Leaky', 'the leak ranks first');
  });
});

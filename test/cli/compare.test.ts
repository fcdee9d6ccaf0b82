import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isV8InternalClass } from '../../src/analysis/internalClasses.js';
import { heapdot, heapdotProcess } from '../helpers/cli.js';
import { shapedSnapshot } from '../helpers/snapshots.js';
import { threeSnapshots } from '../helpers/threeSnapshots.js';

const { baseline, target, final } = threeSnapshots();
/** The same shapes from one process, each snapshot through an inspector session of its own. */
const renumbered = threeSnapshots('renumbered-heap.mjs');

/** The one line heapdot prints when two snapshots' ids do not compare: what it measured, why, and what to do. */
function renumberedLine(first: string, second: string): RegExp {
  const file = (path: string) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `of the [\\d,]+ ids that ${file(first)} and ${file(second)} both have, only [\\d.]+% name an object of the same class in both \\(one numbering gives over 90%\\): the objects were numbered anew between them, as V8 does when an inspector session ends \\(separate capture --pid runs\\), or they come from different processes; take the snapshots in one go: heapdot capture --pid PID --count N --every SECONDS, or heapdot capture -o FILE -- node app.js and SIGUSR2 per snapshot`,
  );
}

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

  it('--sort size and --sort retained order by that growth; count stays the default', async () => {
    const rows = async (...args: string[]) =>
      // Every class (--all): the orders differ in V8's own classes too.
      (
        JSON.parse(
          (await heapdot(['diff', baseline, target, '--format', 'json', '--all', ...args])).stdout,
        ) as {
          classes: (DiffRow & {
            sizeDelta: number;
            retainedBefore?: number;
            retainedAfter?: number;
            retainedDelta?: number;
          })[];
        }
      ).classes;
    const nonIncreasing = (values: number[]) => values.every((value, i) => i === 0 || values[i - 1] >= value);
    const byCount = await rows();
    assert.ok(nonIncreasing(byCount.map((row) => row.countDelta)));
    assert.deepEqual(await rows('--sort', 'count'), byCount);
    assert.ok(byCount.every((row) => row.retainedDelta === undefined));
    const bySize = await rows('--sort', 'size');
    assert.ok(nonIncreasing(bySize.map((row) => row.sizeDelta)));
    assert.notDeepEqual(
      bySize.map((row) => row.className),
      byCount.map((row) => row.className),
    );
    const byRetained = await rows('--sort', 'retained');
    assert.ok(nonIncreasing(byRetained.map((row) => row.retainedDelta!)));
    // Each side's class retained size is the one types computes for that snapshot.
    const typesRetained = async (path: string) =>
      (JSON.parse((await heapdot(['types', path, '--format', 'json'])).stdout) as ClassRow[]).find(
        (row) => row.className === 'Leaky',
      )?.retainedSize ?? 0;
    const leaky = byRetained.find((row) => row.className === 'Leaky')!;
    assert.equal(leaky.retainedBefore, await typesRetained(baseline));
    assert.equal(leaky.retainedAfter, await typesRetained(target));
    assert.ok(leaky.retainedDelta! > 500 * 16, String(leaky.retainedDelta));
    const csv = (await heapdot(['diff', baseline, target, '--sort', 'retained', '--format', 'csv'])).stdout;
    assert.match(csv, /^class,.*,freedObjects,retainedBefore,retainedAfter,retainedDelta\n/);
    const text = (await heapdot(['diff', baseline, target, '--sort', 'retained'])).stdout;
    assert.match(text.split('\n')[0], /size delta +retained delta +new +freed$/);
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
    assert.match(run.stderr, renumberedLine(baseline, other));
    const diff = JSON.parse(run.stdout) as { idsComparable: boolean; classes: DiffRow[] };
    assert.equal(diff.idsComparable, false);
    const vault = diff.classes.find((row) => row.className === 'Vault');
    assert.deepEqual([vault?.countBefore, vault?.countAfter, vault?.newObjects], [0, 1, undefined]);
  });

  it('one process snapshotted through two inspector sessions: nearly all ids shared, but renumbered; says what it measured and what to do', async () => {
    const run = await heapdot(['diff', renumbered.baseline, renumbered.target, '--format', 'json', '--all']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr.split('\n').length, 2, 'one line');
    assert.match(
      run.stderr,
      new RegExp(
        `^heapdot diff: ${renumberedLine(renumbered.baseline, renumbered.target).source}; comparing counts only\\n$`,
      ),
    );
    const diff = JSON.parse(run.stdout) as {
      idsComparable: boolean;
      idCheck: { problem: string; sharedIdRatio: number; sameClassRatio: number };
      classes: DiffRow[];
    };
    assert.equal(diff.idsComparable, false);
    assert.equal(diff.idCheck.problem, 'classes-differ');
    // The old check reported this as "share 100.0% of their ids (different processes?)".
    assert.ok(diff.idCheck.sharedIdRatio > 0.9, `shared ${diff.idCheck.sharedIdRatio}`);
    assert.ok(diff.idCheck.sameClassRatio < 0.9, `same class ${diff.idCheck.sameClassRatio}`);
    const leaky = diff.classes.find((row) => row.className === 'Leaky');
    assert.deepEqual([leaky?.countBefore, leaky?.countAfter, leaky?.newObjects], [0, 500, undefined]);

    const text = await heapdot(['diff', renumbered.baseline, renumbered.target, '-q']);
    assert.equal(text.stderr, '');
    assert.match(
      text.stdout,
      /^note: counts only, no new and freed objects: the two snapshots do not number their objects alike\n/,
    );
    assert.doesNotMatch(text.stdout.split('\n')[1], /new|freed/, 'no new and freed columns');
  });

  it('--new refuses renumbered snapshots (exit 2, one line) instead of listing ids of other objects', async () => {
    const run = await heapdot(['diff', renumbered.baseline, renumbered.target, '--new', 'Leaky']);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(
      run.stderr,
      new RegExp(
        `^heapdot: diff --new cannot tell new objects: ${renumberedLine(renumbered.baseline, renumbered.target).source}\\n$`,
      ),
    );
  });
});

describe('heapdot diff --out-dir', () => {
  it('refuses renumbered snapshots (exit 2, one line) and writes nothing', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'heapdot-diff-')), 'dots');
    const run = await heapdot(['diff', renumbered.baseline, renumbered.target, '--out-dir', dir]);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(
      run.stderr,
      new RegExp(
        `^heapdot: diff --out-dir cannot tell new objects: ${renumberedLine(renumbered.baseline, renumbered.target).source}\\n$`,
      ),
    );
    assert.ok(!existsSync(dir));
  });

  it('draws the nearest new object of each growing user class: backrefs, refs and chain', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'heapdot-diff-')), 'dots');
    const table = `${dir}.csv`;
    const run = await heapdot(['diff', baseline, final, '--out-dir', dir, '--limit', '1', '-o', table, '-q']);
    assert.equal(run.code, 0, run.stderr);
    // Leaky grows most (1,500 new); --limit 1 draws it alone, and the table goes to -o.
    assert.deepEqual(readdirSync(dir).sort(), ['Leaky_backrefs.dot', 'Leaky_chain.dot', 'Leaky_refs.dot']);
    assert.match(readFileSync(table, 'utf8'), /^Leaky,0,1500,1500,/m);
    const [first, ...pictures] = run.stdout.trimEnd().split('\n');
    assert.equal(first, table);
    assert.deepEqual(
      pictures.map((line) => line.replace(/ \(\d+ nodes, \d+ edges\)$/, '')),
      ['backrefs', 'refs', 'chain'].map((kind) => join(dir, `Leaky_${kind}.dot`)),
    );
    const newIds = (await heapdot(['diff', baseline, final, '--new', 'Leaky'])).stdout;
    // The target is the box drawn red.
    const chosen = /@(\d+)[^\]]*color = "#d32f2f"/.exec(readFileSync(join(dir, 'Leaky_chain.dot'), 'utf8'));
    assert.ok(chosen && newIds.includes(`@${chosen[1]}\n`), 'the object drawn is a new one');
  });
});

describe('heapdot diff --out-dir on the sample', () => {
  it("draws ImageReqWrapper's backrefs, refs and chain, and no class of V8's own", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'heapdot-diff-')), 'dots');
    const before = 'samples/before.heapsnapshot.gz';
    const run = await heapdot(['diff', before, 'samples/after.heapsnapshot.gz', '--out-dir', dir, '-q']);
    assert.equal(run.code, 0, run.stderr);
    const files = readdirSync(dir);
    for (const kind of ['backrefs', 'refs', 'chain'])
      assert.ok(files.includes(`ImageReqWrapper_${kind}.dot`));
    assert.match(readFileSync(join(dir, 'ImageReqWrapper_chain.dot'), 'utf8'), /\.requests/);
    // Each chain's target (the box drawn red) names its class on its label's first line.
    const targets = files
      .filter((file) => file.endsWith('_chain.dot'))
      .map(
        (file) =>
          /label = "([^"\\]*)[^\]]*color = "#d32f2f"/.exec(readFileSync(join(dir, file), 'utf8'))?.[1],
      );
    assert.ok(targets.length >= 5 && targets.includes('ImageReqWrapper'), targets.join(', '));
    for (const className of targets) assert.ok(className && !isV8InternalClass(className), className);
  });
});

describe('standard input', () => {
  it('is read once: diff - - and trend - - are refused before reading, with one line saying why', () => {
    const input = readFileSync('samples/after.heapsnapshot.gz');
    for (const args of [
      ['diff', '-', '-'],
      ['trend', '-', baseline, '-'],
    ]) {
      const run = heapdotProcess(args, { input });
      assert.equal(run.code, 2, run.stderr);
      assert.equal(run.stdout, '');
      assert.equal(
        run.stderr,
        'heapdot: standard input can be read only once: give - for one snapshot at most\n',
      );
    }
    const once = heapdotProcess(['diff', '-', baseline, '--format', 'csv'], { input });
    assert.equal(once.code, 0, once.stderr);
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

  it('refuses three renumbered snapshots of one process: exit 2, one line saying why and what to do, nothing written', async () => {
    const out = mkdtempSync(join(tmpdir(), 'heapdot-leaks-'));
    const run = await heapdot([
      'leaks',
      renumbered.baseline,
      renumbered.target,
      renumbered.final,
      '--out-dir',
      out,
    ]);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(
      run.stderr,
      new RegExp(
        `^heapdot: leaks needs three snapshots of one numbering: ${renumberedLine(renumbered.baseline, renumbered.target).source}\\n$`,
      ),
    );
    assert.deepEqual(readdirSync(out), []);
  });

  it('checks the second pair too: a final snapshot of another numbering is refused', async () => {
    const run = await heapdot(['leaks', baseline, target, renumbered.final]);
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      new RegExp(
        `^heapdot: leaks needs three snapshots of one numbering: ${renumberedLine(target, renumbered.final).source}\\n$`,
      ),
    );
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

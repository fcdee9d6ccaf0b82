/**
 * Outputs (issue 8, item 4), through the real executable: written whole or not at all, never over
 * the input snapshot, into a created --out-dir, never a PNG on a terminal, and Graphviz run with
 * arguments only (no shell), so file names with shell metacharacters are just names.
 *
 * Runs bin/heapdot.js from dist/ (`npm run build` first) in a folder of its own, with a PATH
 * chosen per test: no `dot` at all, a fake `dot` that fails, or one that records its arguments.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { findDotOnPath } from '../../src/output/findDot.js';
import { BIN, heapdot } from '../helpers/cli.js';
import { shapedSnapshot } from '../helpers/snapshots.js';
import { threeSnapshots } from '../helpers/threeSnapshots.js';

const posixOnly =
  process.platform === 'win32' ? 'fake dot scripts and shell metacharacters need POSIX' : false;
const SYSTEM_DOT = findDotOnPath();
const SNAPSHOT = shapedSnapshot('neighbourhood-heap.mjs');
const TARGET = 'DiamondTarget';
const root = mkdtempSync(join(tmpdir(), 'heapdot-cli-outputs-'));
after(() => rmSync(root, { recursive: true, force: true }));
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let folders = 0;
/** A new empty folder under the test's temp folder. */
function folder(name = 'case'): string {
  folders += 1;
  const path = join(root, `${folders}-${name}`);
  mkdirSync(path);
  return path;
}

/** PATH with one executable `dot` script first (and the system's folders, for `cat`). */
function fakeDot(script: string): string {
  const bin = folder('bin');
  writeFileSync(join(bin, 'dot'), `#!/bin/sh\n${script}\n`);
  chmodSync(join(bin, 'dot'), 0o755);
  return `${bin}:/usr/bin:/bin`;
}

/** PATH with no `dot` (node is run by its full path, so it needs nothing on PATH). */
const NO_DOT = folder('empty-bin');

interface Run {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Runs bin/heapdot.js in `cwd` with PATH set to `path`. */
function run(args: string[], options: { cwd: string; path: string }): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: { PATH: options.path, NO_COLOR: '1', HOME: options.cwd },
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(result.signal, null, `killed by ${result.signal}`);
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

function assertOneLineError(result: Run, pattern: RegExp): void {
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, pattern);
  assert.equal(result.stderr.trimEnd().split('\n').length, 1, `one line: ${result.stderr}`);
  assert.ok(!/\n\s+at /.test(result.stderr), 'no stack trace');
}

const list = (path: string) => readdirSync(path).sort();
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const SNAPSHOT_SHA = sha(SNAPSHOT);

/** Copies the snapshot into `directory` under `name`. */
function snapshotIn(directory: string, name = 'heap.heapsnapshot'): string {
  const path = join(directory, name);
  copyFileSync(SNAPSHOT, path);
  return path;
}

describe('outputs are all or nothing', { skip: posixOnly }, () => {
  it('-o out.dot -o out.pdf with no dot on PATH: exit 2, one line, and no file at all', () => {
    const cwd = folder('no-dot-pdf');
    const result = run(['backrefs', SNAPSHOT, TARGET, '-o', 'out.dot', '-o', 'out.pdf'], {
      cwd,
      path: NO_DOT,
    });
    assertOneLineError(result, /PDF output needs the Graphviz dot program/);
    assert.deepEqual(list(cwd), []);
  });

  it('a dot that writes half an SVG and fails: exit 2, no out.dot, no out.svg, no temp file', () => {
    const cwd = folder('failing-dot');
    const bin = fakeDot('cat > /dev/null\nprintf "<svg partial"\necho "dot: boom" >&2\nexit 3');
    const result = run(['backrefs', SNAPSHOT, TARGET, '-o', 'out.dot', '-o', 'out.svg', '-o', 'out.json'], {
      cwd,
      path: bin,
    });
    assertOneLineError(result, /dot failed \(exit status 3\)/);
    assert.deepEqual(list(cwd), []);
  });

  it('a failing run leaves an older output as it was', () => {
    const cwd = folder('keeps-old');
    writeFileSync(join(cwd, 'out.dot'), 'old picture\n');
    const bin = fakeDot('cat > /dev/null\nexit 1');
    const result = run(['chain', SNAPSHOT, TARGET, '-o', 'out.dot', '-o', 'out.svg'], { cwd, path: bin });
    assert.equal(result.code, 2, result.stderr);
    assert.deepEqual(list(cwd), ['out.dot']);
    assert.equal(readFileSync(join(cwd, 'out.dot'), 'utf8'), 'old picture\n');
  });

  it('a run that works leaves exactly its outputs (no temp files)', () => {
    const cwd = folder('works');
    const result = run(
      ['backrefs', SNAPSHOT, TARGET, '-o', 'out.dot', '-o', 'out.json', '-o', 'out.svg', '-o', 'out.png'],
      { cwd, path: NO_DOT },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(list(cwd), ['out.dot', 'out.json', 'out.png', 'out.svg']);
    assert.equal(result.stdout.length, 0);
    assert.ok(readFileSync(join(cwd, 'out.png')).subarray(0, 8).equals(PNG_MAGIC));
    assert.match(readFileSync(join(cwd, 'out.svg'), 'utf8'), /DiamondTarget/);
  });

  it('graphs --render svg with a failing dot leaves no picture behind', () => {
    const cwd = folder('graphs-failing-dot');
    const bin = fakeDot('cat > /dev/null\necho "dot: boom" >&2\nexit 3');
    const result = run(['graphs', SNAPSHOT, TARGET, '--out-dir', 'pictures', '--render', 'svg'], {
      cwd,
      path: bin,
    });
    assertOneLineError(result, /dot failed \(exit status 3\)/);
    const pictures = join(cwd, 'pictures');
    assert.deepEqual(existsSync(pictures) ? list(pictures) : [], []);
  });
});

describe('--out-dir pictures are all or nothing, and so is what is printed', { skip: posixOnly }, () => {
  const series = threeSnapshots();
  // -q: the note that V8's own classes were left out is not part of the error.
  const leaks = ['leaks', series.baseline, series.target, series.final, '--out-dir', 'pictures', '-q'];
  const FAILING_DOT = 'cat > /dev/null\necho "dot: boom" >&2\nexit 3';

  it('leaks --out-dir with a dot that fails: exit 2, one line, no result printed, no picture', () => {
    const cwd = folder('leaks-failing-dot');
    const result = run(leaks, { cwd, path: fakeDot(FAILING_DOT) });
    assertOneLineError(result, /dot failed \(exit status 3\): dot: boom/);
    assert.equal(result.stdout.length, 0, 'no half result on standard output');
    assert.deepEqual(list(cwd), [], 'not even the folder');
  });

  it('leaks --out-dir with a folder in the way of a picture: exit 2, nothing written, nothing printed', () => {
    const cwd = folder('leaks-in-the-way');
    mkdirSync(join(cwd, 'pictures/chain-1-Leaky.png'), { recursive: true });
    const result = run([...leaks, '--format', 'json', '-o', '-', '-o', 'leaks.json'], { cwd, path: NO_DOT });
    assertOneLineError(result, /cannot write pictures\/chain-1-Leaky\.png: it is a folder/);
    assert.equal(result.stdout.length, 0);
    assert.deepEqual(list(cwd), ['pictures'], 'no leaks.json');
    assert.deepEqual(list(join(cwd, 'pictures')), ['chain-1-Leaky.png'], 'no chain-1-Leaky.dot');
  });

  it('leaks --out-dir that works: the result on standard output, then each picture written', () => {
    const cwd = folder('leaks-works');
    const result = run(leaks.slice(0, -1), { cwd, path: NO_DOT });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /^wrote pictures\/chain-1-Leaky\.dot\nwrote pictures\/chain-1-Leaky\.png$/m);
    assert.match(result.stdout.toString('utf8'), /globalThis\.leaked\[\*\]/);
    assert.deepEqual(list(join(cwd, 'pictures')), ['chain-1-Leaky.dot', 'chain-1-Leaky.png']);
    assert.ok(readFileSync(join(cwd, 'pictures/chain-1-Leaky.png')).subarray(0, 8).equals(PNG_MAGIC));
  });

  it('graphs --render pdf without Graphviz is refused before the read, and graphs with a folder in the way writes nothing', () => {
    const noDot = folder('graphs-pdf');
    const pdf = run(['graphs', SNAPSHOT, TARGET, '--out-dir', 'pictures', '--render', 'pdf'], {
      cwd: noDot,
      path: NO_DOT,
    });
    assertOneLineError(pdf, /PDF output needs the Graphviz dot program/);
    assert.equal(pdf.stdout.length, 0);
    assert.deepEqual(list(noDot), []);
    const cwd = folder('graphs-in-the-way');
    mkdirSync(join(cwd, 'pictures/refs.svg'), { recursive: true });
    const result = run(['graphs', SNAPSHOT, TARGET, '--out-dir', 'pictures', '--render', 'svg'], {
      cwd,
      path: NO_DOT,
    });
    assertOneLineError(result, /cannot write pictures\/refs\.svg: it is a folder/);
    assert.equal(result.stdout.length, 0, 'no list of files written');
    assert.deepEqual(list(join(cwd, 'pictures')), ['refs.svg']);
  });
});

describe('never over the input snapshot', { skip: posixOnly }, () => {
  it('-o naming the snapshot is refused before reading it; the snapshot keeps its bytes', () => {
    const cwd = folder('over-input');
    const snapshot = snapshotIn(cwd);
    for (const command of ['chain', 'backrefs', 'refs']) {
      const result = run([command, snapshot, TARGET, '--format', 'dot', '-o', snapshot], {
        cwd,
        path: NO_DOT,
      });
      assertOneLineError(result, /refusing to write .*heap\.heapsnapshot: it is the input/);
    }
    assert.equal(sha(snapshot), SNAPSHOT_SHA);
    assert.deepEqual(list(cwd), ['heap.heapsnapshot']);
  });

  it('the same file under another name: a relative path, a symlink, a hard link', () => {
    const cwd = folder('aliases');
    const snapshot = snapshotIn(cwd, 'heap.json');
    symlinkSync('heap.json', join(cwd, 'link.json'));
    linkSync(snapshot, join(cwd, 'hard.json'));
    const attempts: [string, string][] = [
      [snapshot, 'heap.json'],
      [snapshot, './link.json'],
      ['link.json', 'heap.json'],
      [snapshot, 'hard.json'],
    ];
    for (const [input, output] of attempts) {
      const result = run(['backrefs', input, TARGET, '-o', output], { cwd, path: NO_DOT });
      assertOneLineError(result, /refusing to write .*: it is the input/);
    }
    assert.equal(sha(snapshot), SNAPSHOT_SHA);
    assert.deepEqual(list(cwd), ['hard.json', 'heap.json', 'link.json']);
  });

  it('graphs refuses an --out-dir picture that is the snapshot, before writing any picture', () => {
    for (const name of ['backrefs.dot', 'chain.dot']) {
      const cwd = folder(`graphs-over-${name}`);
      const snapshot = snapshotIn(cwd, name);
      const result = run(['graphs', snapshot, TARGET, '--out-dir', '.'], { cwd, path: NO_DOT });
      assertOneLineError(result, new RegExp(`refusing to write .*${name}: it is the input`));
      assert.equal(sha(snapshot), SNAPSHOT_SHA);
      assert.deepEqual(list(cwd), [name], `after graphs on ${name}`);
    }
  });
});

describe('--out-dir', { skip: posixOnly }, () => {
  it('graphs --out-dir new/nested/dir makes the folders', () => {
    const cwd = folder('out-dir');
    const result = run(['graphs', SNAPSHOT, TARGET, '--out-dir', 'new/nested/dir', '--render', 'svg'], {
      cwd,
      path: NO_DOT,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(list(join(cwd, 'new/nested/dir')), [
      'backrefs.dot',
      'backrefs.svg',
      'chain.dot',
      'chain.svg',
      'refs.dot',
      'refs.svg',
    ]);
    assert.deepEqual(list(cwd), ['new']);
  });
});

describe('a PNG is never written to a terminal', () => {
  const COMMANDS = [
    ['chain', 'x', 'y'],
    ['backrefs', 'x', 'y'],
    ['refs', 'x', 'y'],
    ['paths', 'x', 'y'],
    ['dominators', 'x'],
    ['treemap', 'x'],
    ['trend', 'x', 'y'],
    ['find', 'x', 'y'],
    ['types', 'x'],
    ['diff', 'x', 'y'],
    ['leaks', 'x', 'y', 'z'],
  ];

  it('--format png is refused with exit 2 by every command, writing nothing to standard output', async () => {
    for (const args of COMMANDS) {
      for (const extra of [[], ['-o', '-']]) {
        const result = await heapdot([...args, '--format', 'png', ...extra], { tty: true });
        assert.equal(result.code, 2, `${args[0]}: ${result.stderr}`);
        assert.equal(result.stdout, '', `${args[0]} writes nothing to standard output`);
        assert.match(result.stderr, /png|format/i, args[0]);
      }
    }
  });

  it('-o - on a terminal is text', async () => {
    const result = await heapdot(['backrefs', SNAPSHOT, TARGET, '-o', '-', '-q'], { tty: true });
    assert.equal(result.code, 0, result.stderr);
    assert.ok(!result.stdout.includes('PNG'), 'text, not an image');
    assert.match(result.stdout, /DiamondTarget/);
  });

  it('-o out.png writes the file and nothing to standard output', { skip: posixOnly }, () => {
    const cwd = folder('png-file');
    const result = run(['chain', SNAPSHOT, TARGET, '-o', 'out.png'], { cwd, path: NO_DOT });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.length, 0);
    assert.ok(readFileSync(join(cwd, 'out.png')).subarray(0, 8).equals(PNG_MAGIC));
  });
});

describe('Graphviz runs with arguments only, never through a shell', { skip: posixOnly }, () => {
  const NASTY = 'snap $(touch pwned1); `touch pwned2` & echo \'q\' "d" |x > y';
  const OUTPUT = 'out $(touch pwned3);`touch pwned4` && touch pwned5 #';

  /** Every file under `path`, relative, sorted. */
  function tree(path: string, prefix = ''): string[] {
    return readdirSync(path, { withFileTypes: true })
      .flatMap((entry) =>
        entry.isDirectory()
          ? tree(join(path, entry.name), `${prefix}${entry.name}/`)
          : [`${prefix}${entry.name}`],
      )
      .sort();
  }

  it('a dot on PATH gets only -T<format>; paths with $( ), backticks, ; and spaces are just names', () => {
    const cwd = folder('metachar');
    const record = join(folder('record'), 'args');
    // Records each argument on a line, then answers with a tiny SVG (or PDF) whatever the input.
    const bin = fakeDot(
      [
        `for argument in "$@"; do printf '%s\\n' "$argument" >> '${record}'; done`,
        `printf -- '--\\n' >> '${record}'`,
        'cat > /dev/null',
        'case "$1" in',
        `  -Tpdf) printf '%%PDF-1.4\\n%%%%EOF\\n' ;;`,
        `  *) printf '<svg xmlns="http://www.w3.org/2000/svg"/>' ;;`,
        'esac',
      ].join('\n'),
    );
    const snapshot = snapshotIn(cwd, NASTY);
    const result = run(
      ['backrefs', snapshot, TARGET, '-o', `${OUTPUT}.svg`, '-o', `${OUTPUT}.pdf`, '-o', `${OUTPUT}.dot`],
      { cwd, path: bin },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(tree(cwd), [`${OUTPUT}.dot`, `${OUTPUT}.pdf`, `${OUTPUT}.svg`, NASTY].sort());
    assert.equal(readFileSync(record, 'utf8'), '-Tsvg\n--\n-Tpdf\n--\n');
    assert.match(readFileSync(join(cwd, `${OUTPUT}.dot`), 'utf8'), /DiamondTarget/);
    assert.equal(sha(snapshot), SNAPSHOT_SHA);
  });

  it('the same names with the system dot', {
    skip: SYSTEM_DOT === undefined ? 'no dot on PATH' : false,
  }, () => {
    const cwd = folder('metachar-system');
    const snapshot = snapshotIn(cwd, NASTY);
    const result = run(['chain', snapshot, TARGET, '-o', `${OUTPUT}.svg`, '-o', `${OUTPUT}.pdf`], {
      cwd,
      path: `${dirname(SYSTEM_DOT ?? '/usr/bin/dot')}:/usr/bin:/bin`,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(tree(cwd), [`${OUTPUT}.pdf`, `${OUTPUT}.svg`, NASTY].sort());
    assert.match(readFileSync(join(cwd, `${OUTPUT}.svg`), 'utf8'), /DiamondTarget/);
    assert.equal(
      readFileSync(join(cwd, `${OUTPUT}.pdf`))
        .subarray(0, 5)
        .toString('latin1'),
      '%PDF-',
    );
  });

  it('graphs with such an --out-dir and snapshot name', () => {
    const cwd = folder('metachar-graphs');
    const snapshot = snapshotIn(cwd, NASTY);
    const result = run(
      ['graphs', snapshot, TARGET, '--out-dir', `${OUTPUT}/$(touch pwned6)`, '--render', 'svg'],
      {
        cwd,
        path: NO_DOT,
      },
    );
    assert.equal(result.code, 0, result.stderr);
    const pictures = ['backrefs', 'chain', 'refs'].flatMap((name) => [
      `${OUTPUT}/$(touch pwned6)/${name}.dot`,
      `${OUTPUT}/$(touch pwned6)/${name}.svg`,
    ]);
    assert.deepEqual(tree(cwd), [...pictures, NASTY].sort());
  });

  it('nothing was created where a shell would have run the commands', () => {
    for (const place of [root, process.cwd(), tmpdir()]) {
      for (let index = 1; index <= 6; index++) {
        assert.ok(!existsSync(join(place, `pwned${index}`)), `${place}/pwned${index}`);
      }
    }
  });
});

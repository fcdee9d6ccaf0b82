import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { heapdot, heapdotProcess } from '../helpers/cli.js';
import { threeSnapshots } from '../helpers/threeSnapshots.js';

// One process's snapshots (test/fixtures/trend-heap.mjs): baseline has no Leaky; target has 500
// in the global array `leaked`; final 1,000 more. One Transient (globalThis.oneTransient) in each.
const { baseline, target, final } = threeSnapshots();
/** The same shapes, each snapshot through an inspector session of its own: ids do not compare. */
const renumbered = threeSnapshots('renumbered-heap.mjs');
const folder = mkdtempSync(join(tmpdir(), 'heapdot-check-'));
after(() => rmSync(folder, { recursive: true, force: true }));

/** The index of the new Leaky in an access path `globalThis.leaked[N]`, which must be one. */
function leakedIndex(path: string | undefined): number {
  const match = /^globalThis\.leaked\[(\d+)\]$/.exec(path ?? '');
  assert.ok(match, `access path ${path}`);
  return Number(match[1]);
}

interface ResultJson {
  rule: string;
  classes: string;
  className: string | null;
  measured: number;
  limit: number;
  passed: boolean;
  known: boolean;
  countBefore?: number;
  countAfter?: number;
  newObjects?: number;
  example?: { id: number; new: boolean; knownPath: string; chain: { found: boolean; accessPath?: string } };
}
interface ReportJson {
  passed: boolean;
  idsComparable: boolean;
  failed: number;
  known: number;
  results: ResultJson[];
}

async function report(args: string[], env: Record<string, string> = {}) {
  const run = await heapdot(['check', ...args, '--format', 'json'], { env });
  return { ...run, json: JSON.parse(run.stdout) as ReportJson };
}

const summary = (json: ReportJson) =>
  json.results.map((r) => [r.rule, r.className, r.measured, r.limit, r.passed]);

describe('heapdot check: each rule holds, or fails with the chain of the nearest new object', () => {
  it('each rule on one pair, at its limit and one below; the text shows the chain as heapdot chain does', async () => {
    const json = join(folder, 'rules.json');
    const run = await heapdot([
      'check',
      target,
      final,
      ...['--max-growth', 'Leaky=1000', '--max-growth', 'Leaky=999'],
      ...['--max-new', 'Leaky=1000', '--max-new', 'Leaky=999'],
      ...['--absent', 'NoSuchClass', '--absent', 'Transient'],
      ...['--max-retained', 'Leaky=10MB', '--max-retained', 'Leaky=1'],
      ...['-o', '-', '-o', json],
    ]);
    assert.equal(run.code, 1);
    assert.equal(run.stderr, `wrote ${json}\nheapdot: check failed: 4 of 8 checks failed\n`);
    const report = JSON.parse(readFileSync(json, 'utf8')) as ReportJson;
    const retained = report.results[6].measured;
    // 1,500 objects of at least 16 bytes each.
    assert.ok(retained >= 1500 * 16, String(retained));
    assert.deepEqual(summary(report), [
      ['max-growth', 'Leaky', 1000, 1000, true],
      ['max-growth', 'Leaky', 1000, 999, false],
      ['max-new', 'Leaky', 1000, 1000, true],
      ['max-new', 'Leaky', 1000, 999, false],
      ['absent', 'NoSuchClass', 0, 0, true],
      ['absent', 'Transient', 1, 0, false],
      ['max-retained', 'Leaky', retained, 10_000_000, true],
      ['max-retained', 'Leaky', retained, 1, false],
    ]);
    const failed = report.results.filter((r) => !r.passed);
    // The nearest new Leaky (one of the 1,000 final added) stands for every Leaky failure.
    for (const result of [failed[0], failed[1], failed[3]]) {
      assert.equal(result.example?.new, true);
      assert.ok(leakedIndex(result.example?.chain.accessPath) >= 500);
      assert.equal(result.example?.knownPath, 'globalThis.leaked[*]');
    }
    assert.equal(failed[2].example?.new, false, 'the one Transient is as old as the process');
    assert.equal(failed[2].example?.chain.accessPath, 'globalThis.oneTransient');

    const lines = run.stdout.split('\n');
    assert.equal(lines[0], `heapdot check ${target} ${final}`);
    assert.equal(
      lines[1],
      'PASS   --max-growth Leaky=1000: Leaky grew by 1,000 (from 500 to 1,500); at most 1,000 allowed',
    );
    assert.equal(
      lines[2],
      'FAIL   --max-growth Leaky=999: Leaky grew by 1,000 (from 500 to 1,500); at most 999 allowed',
    );
    assert.equal(lines[3], `       the nearest new Leaky, @${failed[0].example?.id}:`);
    const chain = await heapdot(['chain', final, `@${failed[0].example?.id}`]);
    const printed = chain.stdout.trimEnd().split('\n');
    assert.equal(printed[0], failed[0].example?.chain.accessPath);
    assert.deepEqual(
      lines.slice(4, 4 + printed.length),
      printed.map((line) => `         ${line}`),
    );
    assert.match(
      run.stdout,
      /^FAIL {3}--absent Transient: 1 Transient in the later snapshot; none allowed\n {7}the nearest Transient, @\d+:\n {9}globalThis\.oneTransient\n/m,
    );
    assert.match(
      run.stdout,
      /^FAIL {3}--max-retained Leaky=1: Leaky retains [\d.]+ KiB; at most 1 B allowed$/m,
    );
    assert.equal(lines.at(-2), '4 of 8 checks failed');
  });

  it('--max-retained holds at exactly the class retained size, and fails a byte under it', async () => {
    const first = await report([target, final, '--max-retained', 'Leaky=1GiB']);
    const retained = first.json.results[0].measured;
    const run = await report([
      target,
      final,
      '--max-retained',
      `Leaky=${retained}`,
      '--max-retained',
      `Leaky=${retained - 1}`,
    ]);
    assert.deepEqual(
      run.json.results.map((r) => r.passed),
      [true, false],
    );
  });

  it('500 new Leaky between baseline and target: the nearest of them; renumbered ids are bad input for --max-new', async () => {
    const run = await report([baseline, target, '--max-new', 'Leaky=499', '--absent', 'Leaky']);
    assert.equal(run.code, 1);
    assert.deepEqual(summary(run.json), [
      ['max-new', 'Leaky', 500, 499, false],
      ['absent', 'Leaky', 500, 0, false],
    ]);
    assert.ok(leakedIndex(run.json.results[0].example?.chain.accessPath) < 500);
    const renumberedRun = await heapdot([
      'check',
      renumbered.baseline,
      renumbered.target,
      '--max-new',
      'Leaky=0',
    ]);
    assert.equal(renumberedRun.code, 2);
    assert.equal(renumberedRun.stdout, '');
    assert.match(
      renumberedRun.stderr,
      /^heapdot: --max-new cannot tell new objects: of the [\d,]+ ids that .* both have, only [\d.]+% name an object of the same class in both .*\n$/,
    );
  });

  it('a /regex/ checks every user class it matches, and lists each failing one', async () => {
    const run = await report([
      baseline,
      final,
      '--max-growth',
      '/^(Leaky|Transient)$/=0',
      '--max-growth',
      '/^\\(system\\)$/=0',
    ]);
    assert.equal(run.code, 1);
    // (system) grows too, but V8's own classes are left out of a pattern unless --all.
    assert.deepEqual(run.json.results, [
      { ...run.json.results[0], rule: 'max-growth', className: 'Leaky', measured: 1500, passed: false },
      {
        rule: 'max-growth',
        classes: '/^\\(system\\)$/',
        className: null,
        measured: 0,
        limit: 0,
        passed: true,
        known: false,
      },
    ]);
  });

  it('--rules reads the same rules from JSON; a bad file is one line and exit status 2', async () => {
    const rules = join(folder, 'rules.json');
    writeFileSync(
      rules,
      JSON.stringify({
        maxGrowth: { Leaky: 999 },
        maxNew: { Leaky: 1000 },
        absent: ['Transient'],
        maxRetained: { Leaky: '10 MiB' },
      }),
    );
    const run = await report([target, final, '--rules', rules]);
    assert.equal(run.code, 1);
    assert.deepEqual(
      run.json.results.map((r) => [r.rule, r.limit, r.passed]),
      [
        ['max-growth', 999, false],
        ['max-new', 1000, true],
        ['absent', 0, false],
        ['max-retained', 10 * 1024 * 1024, true],
      ],
    );
    writeFileSync(rules, JSON.stringify({ maxGrowth: { Leaky: 'ten' } }));
    const bad = await heapdot(['check', target, final, '--rules', rules]);
    assert.equal(bad.code, 2);
    assert.equal(bad.stdout, '');
    assert.equal(bad.stderr, `heapdot: ${rules}: maxGrowth.Leaky: use a whole number >= 0.\n`);
    writeFileSync(rules, '{"maxGrowth": ');
    assert.match(
      (await heapdot(['check', target, final, '--rules', rules])).stderr,
      /^heapdot: .*rules\.json: not JSON: .*\n$/,
    );
  });

  it('bad usage and unreadable snapshots: exit status 2, one line, nothing on standard output', async () => {
    for (const [args, message] of [
      [[target, final], /give at least one rule/],
      [[target, final, '--max-growth', 'Leaky'], /use CLASS=N/],
      [[target, final, '--max-retained', 'Leaky=lots'], /use a size such as 5000, 512KiB or 10MB/],
      [[target, final, '--max-growth', '@12=1'], /@12 is not a class/],
      [[target, join(folder, 'missing.heapsnapshot'), '--absent', 'Leaky'], /missing\.heapsnapshot/],
      [
        [target, final, '--absent', 'Leaky', '--baseline', join(folder, 'nothing.json')],
        /cannot read .*nothing\.json: ENOENT/,
      ],
      [[target, final, '--absent', 'Leaky', '-o', join(folder, 'report.png')], /does not draw images/],
    ] as const) {
      const run = await heapdot(['check', ...args]);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, message);
      assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
    }
  });
});

describe('heapdot check --baseline', () => {
  it('--write-baseline records the failures by class and merged path; --baseline then passes', async () => {
    const known = join(folder, 'known.json');
    const write = await heapdot(['check', target, final, '--max-new', 'Leaky=0', '--write-baseline', known]);
    assert.equal(write.code, 0, write.stderr);
    assert.deepEqual(JSON.parse(readFileSync(known, 'utf8')), {
      heapdotBaseline: 1,
      known: [{ className: 'Leaky', accessPath: 'globalThis.leaked[*]' }],
    });
    // The same leak between other snapshots (other objects, other indexes) is known too.
    for (const [from, to] of [
      [target, final],
      [baseline, target],
    ]) {
      const run = await report([
        from,
        to,
        '--max-new',
        'Leaky=0',
        '--absent',
        'Transient',
        '--baseline',
        known,
      ]);
      assert.deepEqual(
        run.json.results.map((r) => [r.rule, r.passed, r.known]),
        [
          ['max-new', false, true],
          ['absent', false, false],
        ],
      );
      assert.equal(run.code, 1, 'the Transient is not in the baseline');
      assert.equal(run.json.failed, 1);
    }
    const accepted = await heapdot(['check', baseline, target, '--max-new', 'Leaky=0', '--baseline', known]);
    assert.equal(accepted.code, 0);
    assert.match(accepted.stdout, /^KNOWN {2}--max-new Leaky=0: 500 new Leaky; at most 0 allowed$/m);
    assert.match(accepted.stdout, /all 1 checks passed \(1 known leak accepted by the baseline\)\n$/);
    writeFileSync(known, '{"known": []}');
    const bad = await heapdot(['check', baseline, target, '--absent', 'Leaky', '--baseline', known]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /known\.json: not a heapdot baseline/);
  });
});

/** JUnit XML's elements and their attributes, as the JUnit schema CI servers read defines them. */
const JUNIT: Record<string, { attributes: string[]; parents: string[] }> = {
  testsuites: {
    attributes: ['name', 'time', 'tests', 'failures', 'errors', 'skipped', 'disabled'],
    parents: [''],
  },
  testsuite: {
    attributes: [
      'name',
      'tests',
      'failures',
      'errors',
      'skipped',
      'time',
      'timestamp',
      'hostname',
      'id',
      'package',
      'disabled',
    ],
    parents: ['testsuites'],
  },
  testcase: { attributes: ['name', 'classname', 'time', 'assertions', 'status'], parents: ['testsuite'] },
  failure: { attributes: ['message', 'type'], parents: ['testcase'] },
  error: { attributes: ['message', 'type'], parents: ['testcase'] },
  skipped: { attributes: ['message'], parents: ['testcase'] },
};

/** Checks `xml` is well formed (balanced tags, known entities) and uses JUnit's names only; returns the elements. */
function junitElements(xml: string): { name: string; attributes: Record<string, string>; text: string }[] {
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
  const body = xml.slice(xml.indexOf('\n') + 1);
  const stack: string[] = [];
  const elements: { name: string; attributes: Record<string, string>; text: string }[] = [];
  const tag = /<(\/?)([\w-]+)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/g;
  let consumed = 0;
  for (const match of body.matchAll(tag)) {
    assert.equal(match.index, consumed, `unparsed XML at ${consumed}`);
    consumed += match[0].length;
    const [, closing, name, attributeText, selfClosing, text] = match;
    if (text !== undefined) {
      for (const entity of text.match(/&[^;]*;/g) ?? []) assert.match(entity, /^&(amp|lt|gt|quot|apos);$/);
      if (text.trim() && elements.length > 0) elements[elements.length - 1].text += text;
      continue;
    }
    if (closing) {
      assert.equal(stack.pop(), name);
      continue;
    }
    const rule = JUNIT[name];
    assert.ok(rule, `element ${name} is not JUnit's`);
    assert.ok(rule.parents.includes(stack.at(-1) ?? ''), `${name} inside ${stack.at(-1)}`);
    const attributes: Record<string, string> = {};
    for (const [, key, value] of attributeText.matchAll(/([\w-]+)="([^"]*)"/g)) {
      assert.ok(rule.attributes.includes(key), `${name} has no attribute ${key}`);
      attributes[key] = value;
    }
    elements.push({ name, attributes, text: '' });
    if (!selfClosing) stack.push(name);
  }
  assert.equal(consumed, body.length);
  assert.deepEqual(stack, []);
  return elements;
}

describe('heapdot check reports: Markdown, JSON, JUnit, the job summary and pictures', () => {
  it('writes each report at once, and appends the Markdown to GITHUB_STEP_SUMMARY', async () => {
    const out = join(folder, 'reports');
    const summary = join(folder, 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    const args = [
      'check',
      baseline,
      target,
      '--max-new',
      'Leaky=0',
      '--absent',
      'Transient',
      '--max-growth',
      'Transient=0',
    ];
    const run = await heapdot(
      [
        ...args,
        '-o',
        `${out}.md`,
        '-o',
        `${out}.json`,
        '--junit',
        `${out}.xml`,
        '--out-dir',
        join(folder, 'pictures'),
        '-q',
      ],
      { env: { GITHUB_STEP_SUMMARY: summary } },
    );
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    const markdown = readFileSync(`${out}.md`, 'utf8');
    assert.equal(readFileSync(summary, 'utf8'), `# earlier step\n${markdown}`);
    const lines = markdown.split('\n');
    assert.equal(lines[0], '## heapdot check: 2 of 3 checks failed');
    assert.match(lines[4], /^\| result +\| rule +\| measured +\|$/);
    assert.match(
      markdown,
      /^\| \*\*FAIL\*\* \| `--max-new Leaky=0` +\| 500 new Leaky; at most 0 allowed +\|$/m,
    );
    assert.match(
      markdown,
      /^\| pass +\| `--max-growth Transient=0` +\| Transient grew by 0 \(from 1 to 1\); at most 0 allowed \|$/m,
    );
    assert.match(
      markdown,
      /^### 500 new Leaky; at most 0 allowed\n\nthe nearest new Leaky, @\d+: `globalThis\.leaked\[(\d+)\]`\n\n```text\nglobalThis\.leaked\[\1\]\n/m,
    );
    assert.match(markdown, /the nearest Transient, @\d+: `globalThis\.oneTransient`/);

    const json = JSON.parse(readFileSync(`${out}.json`, 'utf8')) as ReportJson;
    assert.equal(json.passed, false);
    assert.equal(json.failed, 2);
    assert.deepEqual(
      json.results.map((r) => [
        r.rule,
        r.className,
        r.measured,
        r.passed,
        r.example?.chain.accessPath ?? null,
      ]),
      [
        ['max-growth', 'Transient', 0, true, null],
        ['max-new', 'Leaky', 500, false, json.results[1].example?.chain.accessPath],
        ['absent', 'Transient', 1, false, 'globalThis.oneTransient'],
      ],
    );

    const elements = junitElements(readFileSync(`${out}.xml`, 'utf8'));
    const suite = elements.find((element) => element.name === 'testsuite')!;
    assert.deepEqual(
      [suite.attributes.tests, suite.attributes.failures, suite.attributes.skipped],
      ['3', '2', '0'],
    );
    const cases = elements
      .filter((element) => element.name === 'testcase')
      .map((element) => element.attributes.name);
    // The rules of each kind in the order given: --max-growth, --max-new, --absent, --max-retained.
    assert.deepEqual(cases, ['--max-growth Transient=0', '--max-new Leaky=0', '--absent Transient']);
    const failures = elements.filter((element) => element.name === 'failure');
    assert.deepEqual(
      failures.map((failure) => failure.attributes.message),
      ['500 new Leaky; at most 0 allowed', '1 Transient in the later snapshot; none allowed'],
    );
    assert.match(
      failures[0].text,
      /^the nearest new Leaky, @\d+:\nglobalThis\.leaked\[\d+\]\n\[Array\] \(object\) @\d+ /,
    );

    const png = readFileSync(join(folder, 'pictures', 'check-1-Leaky.png'));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.match(readFileSync(join(folder, 'pictures', 'check-2-Transient.dot'), 'utf8'), /oneTransient/);
  });

  it('writes the report, JUnit and every picture as one set: a picture that cannot be written leaves none', async () => {
    const pictures = join(folder, 'one-set');
    // A folder where the second failure's image goes: no file can be renamed over it.
    mkdirSync(join(pictures, 'check-2-Transient.png'), { recursive: true });
    const out = join(folder, 'one-set-report');
    const run = await heapdot([
      ...['check', baseline, target, '--max-new', 'Leaky=0', '--absent', 'Transient'],
      ...['-o', `${out}.md`, '--junit', `${out}.xml`, '--out-dir', pictures, '--no-progress'],
    ]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /check-2-Transient\.png: it is a folder/);
    assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
    assert.equal(run.stdout, '');
    assert.ok(!existsSync(`${out}.md`) && !existsSync(`${out}.xml`));
    assert.deepEqual(readdirSync(pictures), ['check-2-Transient.png']);
  });

  it('the binary exits 0, 1 and 2 as a CI step sees them', () => {
    assert.equal(heapdotProcess(['check', target, final, '--max-growth', 'Leaky=1000', '-q']).code, 0);
    const failing = heapdotProcess(['check', target, final, '--max-growth', 'Leaky=10', '-q']);
    assert.equal(failing.code, 1);
    assert.match(failing.stdout, /^ {9}globalThis\.leaked\[\d+\]$/m);
    const bad = heapdotProcess(['check', target, final]);
    assert.equal(bad.code, 2);
    assert.doesNotMatch(bad.stderr, /\n\s+at /);
  });
});

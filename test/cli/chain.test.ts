import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findDotOnPath } from '../../src/output/findDot.js';
import { renderDot } from '../../src/output/image.js';
import { heapdot, heapdotProcess } from '../helpers/cli.js';
import { loadJson, serialize } from '../helpers/rewrite.js';
import { fixturePath, shapedSnapshot } from '../helpers/snapshots.js';
import { svgTexts } from '../render/svgText.js';

const SAMPLE = 'samples/after.heapsnapshot.gz';
/** The start of an ANSI colour sequence. */
const ESC = '\u001b[';
const golden = (name: string) => new URL(`golden/${name}`, import.meta.url);
const directory = mkdtempSync(join(tmpdir(), 'heapdot-cli-chain-'));

/** Compares with a golden file; UPDATE_GOLDEN=1 rewrites it. */
function assertGolden(name: string, actual: string) {
  if (process.env.UPDATE_GOLDEN) writeFileSync(golden(name), actual);
  assert.equal(actual, readFileSync(golden(name), 'utf8'), `${name} differs from its golden file`);
}

describe('heapdot chain on the sample leak', () => {
  for (const [format, file] of [
    ['text', 'sample-chain.txt'],
    ['dot', 'sample-chain.dot'],
    ['markdown', 'sample-chain.md'],
    ['mermaid', 'sample-chain.mmd'],
    ['json', 'sample-chain.json'],
  ] as const) {
    it(`prints with --raw the ${format} the golden file pins (DevTools' chain, as before the user view)`, async () => {
      const run = await heapdot(['chain', SAMPLE, 'ImageReqWrapper', '--format', format, '--quiet', '--raw']);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stderr, '');
      assertGolden(file, run.stdout);
    });

    it(`prints the user view's ${format} its golden file pins`, async () => {
      const run = await heapdot(['chain', SAMPLE, 'ImageReqWrapper', '--format', format, '--quiet']);
      assert.equal(run.code, 0, run.stderr);
      assertGolden(file.replace('sample-chain', 'sample-chain-user'), run.stdout);
    });
  }

  it('-o chain.mmd writes the user chain as Mermaid: the anchor, one arrow per step, the access path', async () => {
    const file = join(directory, 'user-chain.mmd');
    const run = await heapdot(['chain', SAMPLE, 'ImageReqWrapper', '-o', file, '--quiet']);
    assert.equal(run.code, 0, run.stderr);
    const mermaid = readFileSync(file, 'utf8');
    assert.match(
      mermaid,
      /^flowchart TD\n {2}n0\["module variable: leaky-image-service\.mjs: formatError\nImageFormatError/,
    );
    assert.deepEqual(mermaid.match(/\|"[^"]*"\|/g), ['|".requests"|', '|"[10]"|']);
    assert.ok(mermaid.includes('summary["leaky-image-service.mjs: formatError.requests[10]\n'));
    assert.doesNotMatch(mermaid, /system \/ Context|\(synthetic\)/);
    const raw = await heapdot([
      'chain',
      SAMPLE,
      'ImageReqWrapper',
      '--format',
      'mermaid',
      '--quiet',
      '--raw',
    ]);
    assert.match(raw.stdout, /system \/ Context/);
  });

  it('gives the same bytes twice', async () => {
    const first = await heapdot(['chain', SAMPLE, 'ImageReqWrapper', '--format', 'dot']);
    const second = await heapdot(['chain', SAMPLE, 'ImageReqWrapper', '--format', 'dot']);
    assert.equal(first.stdout, second.stdout);
  });

  it('shows the leak: the module-level error holds the request through its requests array', async () => {
    const run = await heapdot(['chain', SAMPLE, 'ImageReqWrapper', '--format', 'json']);
    const chain = JSON.parse(run.stdout);
    assert.equal(chain.found, true);
    assert.equal(chain.rootKind, 'user');
    assert.equal(chain.distance, chain.edges.length);
    assert.equal(chain.nodes.length, chain.edges.length + 1);
    assert.equal(chain.nodes[0].id, 1);
    assert.deepEqual(chain.nodes.at(-1), chain.target);
    const steps = chain.edges.map(
      (edge: { name: string }, i: number) => `${edge.name}>${chain.nodes[i + 1].className}`,
    );
    assert.ok(steps.includes('formatError>ImageFormatError'), steps.join(' '));
    assert.ok(steps.includes('requests>Array'), steps.join(' '));
    assert.deepEqual(Object.keys(chain.target).sort(), [
      'className',
      'distance',
      'id',
      'name',
      'selfSize',
      'type',
      'v8SelfSize',
    ]);
    assert.match(run.stderr, /^40 objects match ImageReqWrapper; showing the nearest, @\d+/);
  });

  it('draws DOT that Graphviz parses (WASM, and the system dot when installed)', async () => {
    const run = await heapdot(['chain', SAMPLE, 'ImageReqWrapper', '--format', 'dot']);
    const svg = Buffer.from(await renderDot(run.stdout, 'svg', { dotPath: null })).toString('utf8');
    assert.ok(svgTexts(svg).some((text) => text === 'ImageFormatError'));
    const dot = findDotOnPath(process.env.PATH);
    if (dot) {
      const system = Buffer.from(await renderDot(run.stdout, 'svg', { dotPath: dot })).toString('utf8');
      assert.ok(svgTexts(system).some((text) => text === 'ImageFormatError'));
    }
  });

  it('--pick N takes the N-th nearest, and says so', async () => {
    const first = JSON.parse(
      (await heapdot(['chain', SAMPLE, 'ImageReqWrapper', '--format', 'json', '-q'])).stdout,
    );
    const run = await heapdot(['chain', SAMPLE, 'ImageReqWrapper', '--format', 'json', '--pick', '2']);
    const second = JSON.parse(run.stdout);
    assert.notEqual(second.target.id, first.target.id);
    assert.ok(second.distance >= first.distance);
    assert.match(run.stderr, /showing number 2/);
    const tooFar = await heapdot(['chain', SAMPLE, 'ImageReqWrapper', '--pick', '41']);
    assert.equal(tooFar.code, 1);
    assert.match(tooFar.stderr, /only 40 objects match ImageReqWrapper/);
  });

  it('finds a target by @id, by plain id and by /regex/', async () => {
    const nearest = JSON.parse(
      (await heapdot(['chain', SAMPLE, 'ImageReqWrapper', '--format', 'json', '-q'])).stdout,
    );
    for (const target of [`@${nearest.target.id}`, String(nearest.target.id)]) {
      const chain = JSON.parse((await heapdot(['chain', SAMPLE, target, '--format', 'json'])).stdout);
      assert.deepEqual(chain, nearest);
    }
    const regex = JSON.parse(
      (await heapdot(['chain', SAMPLE, '/^ImageReq/', '--format', 'json', '-q'])).stdout,
    );
    assert.deepEqual(regex, nearest);
  });
});

describe('heapdot chain when there is no chain', () => {
  const path = shapedSnapshot('shaped-heap.mjs');

  it('exits 1 and says so when no object matches', async () => {
    const run = await heapdot(['chain', path, 'NoSuchClass']);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /no object matches NoSuchClass/);
  });

  it('exits 1 with found: false and the reason for an object only weak edges hold', async () => {
    const json = loadJson(path);
    const edgeWidth = json.snapshot.meta.edge_fields.length;
    const weak = (json.snapshot.meta.edge_types[0] as string[]).indexOf('weak');
    // Find the Leaf's id through the CLI, then turn every edge into it weak.
    const leaf = JSON.parse((await heapdot(['find', path, 'Leaf', '--format', 'json'])).stdout)[0];
    const nodeWidth = json.snapshot.meta.node_fields.length;
    let leafIndex = -1;
    for (let i = 0; i < json.nodes.length; i += nodeWidth) if (json.nodes[i + 2] === leaf.id) leafIndex = i;
    for (let i = 0; i < json.edges.length; i += edgeWidth)
      if (json.edges[i + 2] === leafIndex) json.edges[i] = weak;
    const file = join(directory, 'weak-only.heapsnapshot');
    writeFileSync(file, serialize(json, 'v8'));
    const run = await heapdot(['chain', file, `@${leaf.id}`, '--format', 'json']);
    assert.equal(run.code, 1);
    const result = JSON.parse(run.stdout);
    assert.deepEqual(
      { found: result.found, reason: result.reason, nodes: result.nodes, edges: result.edges },
      { found: false, reason: 'weak-only', nodes: [], edges: [] },
    );
    assert.equal(result.target.id, leaf.id);
    assert.match(run.stderr, /no retainer chain: held only by weak references/);
    const text = await heapdot(['chain', file, `@${leaf.id}`]);
    assert.equal(text.code, 1);
    assert.match(text.stdout, /weak/);
  });
});

describe('heapdot chain through hostile strings', async () => {
  // Node 20's V8 writes a lone surrogate as "???" and NUL as a space: put the real ones back,
  // as other writers produce them.
  const original = shapedSnapshot('shaped-heap.mjs');
  const file = join(directory, 'hostile.heapsnapshot');
  const text = readFileSync(original, 'utf8')
    .replace('"hostile-10: lone ??? surrogate"', '"hostile-10: lone \\ud800 surrogate"')
    .replace('"hostile-8: nul   byte"', '"hostile-8: nul \\u0000 byte"');
  writeFileSync(file, text);
  const source = readFileSync(fixturePath('shaped-heap.mjs'), 'utf8');
  assert.ok(source.includes('hostile-'));

  /** What a label must show for each string: cut to 40 code points, invisible characters as escapes. */
  const expected: [string, string][] = [
    ['hostile-0', '"hostile-0: quote " double"'],
    ['hostile-1', `"hostile-1: quote ' single"`],
    ['hostile-2', '"hostile-2: trailing backslash \\"'],
    ['hostile-3', '"hostile-3: C:\\Node\\N"'],
    ['hostile-4', '"hostile-4: line one\\nline two"'],
    ['hostile-5', '"hostile-5: tab\\there"'],
    ['hostile-6', '"hostile-6: carriage\\rreturn"'],
    ['hostile-7', '"hostile-7: control \\x01\\x1F chars"'],
    ['hostile-8', '"hostile-8: nul \\x00 byte"'],
    // Node 20's V8 writes U+1F389 as the broken escape \uF389; heapdot shows what the file holds.
    ['hostile-9', '"hostile-9: emoji \uF389 party"'],
    ['hostile-10', '"hostile-10: lone \\uD800 surrogate"'],
    ['hostile-11', '"hostile-11: braces {}<>|[] and more"'],
    ['hostile-12', `"hostile-12: long-${'x'.repeat(23)}…"`],
  ];

  for (const [target, shown] of expected) {
    it(`renders ${target} literally through Graphviz`, async () => {
      const run = await heapdot(['chain', file, `string:${target}:`, '--format', 'dot', '-q']);
      assert.equal(run.code, 0, run.stderr);
      const svg = Buffer.from(await renderDot(run.stdout, 'svg', { dotPath: null })).toString('utf8');
      const texts = svgTexts(svg);
      assert.ok(texts.includes(shown), `${shown} in ${JSON.stringify(texts.slice(-6))}`);
    });
  }
});

describe('heapdot chain -o writes images', () => {
  const noDotEnv = { ...process.env, PATH: '/nonexistent', NO_COLOR: '1' };
  const systemDot = findDotOnPath(process.env.PATH);

  for (const [label, env] of [
    ['without Graphviz on PATH (WASM and resvg)', noDotEnv],
    ['with the system dot', systemDot ? process.env : undefined],
  ] as const) {
    it(`writes a valid PNG and SVG ${label}`, (t) => {
      if (!env) return t.skip('no system dot installed here');
      const out = mkdtempSync(join(directory, 'images-'));
      const png = join(out, 'chain.png');
      const svg = join(out, 'chain.svg');
      for (const path of [png, svg]) {
        const run = heapdotProcess(['chain', SAMPLE, 'ImageReqWrapper', '-o', path, '--quiet'], { env });
        assert.equal(run.code, 0, run.stderr);
      }
      const bytes = readFileSync(png);
      assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      assert.ok(bytes.length > 5000);
      assert.ok(svgTexts(readFileSync(svg, 'utf8')).includes('ImageReqWrapper'));
      assert.deepEqual(readdirSync(out).sort(), ['chain.png', 'chain.svg'], 'no temp files left');
    });
  }

  it('refuses PDF without a system Graphviz, with a hint and no file', () => {
    const out = mkdtempSync(join(directory, 'pdf-'));
    const run = heapdotProcess(['chain', SAMPLE, 'ImageReqWrapper', '-o', join(out, 'chain.pdf')], {
      env: noDotEnv,
    });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /graphviz/i);
    assert.equal(existsSync(join(out, 'chain.pdf')), false);
    assert.deepEqual(readdirSync(out), []);
  });
});

describe('heapdot chain with several outputs', () => {
  it('writes each -o in the form its extension names, and standard output for -o -', async () => {
    const out = mkdtempSync(join(directory, 'several-'));
    const dot = join(out, 'chain.dot');
    const markdown = join(out, 'chain.md');
    const run = await heapdot([
      'chain',
      SAMPLE,
      'ImageReqWrapper',
      '--raw',
      '-o',
      '-',
      '-o',
      dot,
      '-o',
      markdown,
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, readFileSync(golden('sample-chain.txt'), 'utf8'));
    assert.equal(readFileSync(dot, 'utf8'), readFileSync(golden('sample-chain.dot'), 'utf8'));
    assert.equal(readFileSync(markdown, 'utf8'), readFileSync(golden('sample-chain.md'), 'utf8'));
    assert.match(run.stderr, /wrote .*chain\.dot\nwrote .*chain\.md\n$/);
  });

  it('checks every destination before writing any', async () => {
    const out = mkdtempSync(join(directory, 'refused-'));
    const run = await heapdot([
      'chain',
      SAMPLE,
      'ImageReqWrapper',
      '-o',
      join(out, 'a.dot'),
      '-o',
      join(out, 'b.unknown'),
    ]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /cannot tell the format of .*b\.unknown/);
    assert.deepEqual(readdirSync(out), []);
  });

  it('never writes over the snapshot it reads', async () => {
    const copy = join(directory, 'input.json');
    writeFileSync(copy, readFileSync(shapedSnapshot('shaped-heap.mjs')));
    const before = readFileSync(copy);
    const run = await heapdot(['chain', copy, 'Leaf', '-o', copy]);
    assert.equal(run.code, 2);
    assert.deepEqual(readFileSync(copy), before);
  });

  it('colours text only for a terminal without NO_COLOR', async () => {
    const tty = await heapdot(['chain', SAMPLE, 'ImageReqWrapper', '-q'], { tty: true });
    assert.ok(tty.stdout.includes(ESC));
    const noColor = await heapdot(['chain', SAMPLE, 'ImageReqWrapper', '-q'], {
      tty: true,
      env: { NO_COLOR: '1' },
    });
    assert.ok(!noColor.stdout.includes(ESC));
    const piped = await heapdot(['chain', SAMPLE, 'ImageReqWrapper', '-q']);
    assert.ok(!piped.stdout.includes(ESC));
  });
});

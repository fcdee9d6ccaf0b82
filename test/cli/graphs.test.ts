import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { renderDot } from '../../src/output/image.js';
import { heapdot } from '../helpers/cli.js';
import { shapedSnapshot } from '../helpers/snapshots.js';
import { svgTexts } from '../render/svgText.js';

const SAMPLE = 'samples/after.heapsnapshot.gz';
const directory = mkdtempSync(join(tmpdir(), 'heapdot-cli-graphs-'));
const golden = (name: string) => new URL(`golden/${name}`, import.meta.url);
const neighbourhood = shapedSnapshot('neighbourhood-heap.mjs');

function assertGolden(name: string, actual: string) {
  if (process.env.UPDATE_GOLDEN) writeFileSync(golden(name), actual);
  assert.equal(actual, readFileSync(golden(name), 'utf8'), `${name} differs from its golden file`);
}

interface PictureJson {
  nodes: {
    id?: number;
    className?: string;
    depth: number;
    target?: true;
    highlighted?: true;
    expanded?: boolean;
    more?: number;
  }[];
  edges: { from: number | string; to: number | string; type?: string; name?: string | number }[];
  notes: string[];
}

async function picture(args: string[]): Promise<PictureJson> {
  const run = await heapdot([...args, '--format', 'json', '-q']);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as PictureJson;
}

const classes = (json: PictureJson) =>
  json.nodes.filter((node) => node.className).map((node) => node.className);

describe('heapdot graphs on the sample', () => {
  it('--raw writes backrefs.dot, refs.dot and chain.dot as before the user view, byte for byte', async () => {
    const out = join(directory, 'sample');
    const run = await heapdot(['graphs', SAMPLE, 'ImageReqWrapper', '--out-dir', out, '--raw']);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.deepEqual(
      lines.map((line) => line.replace(out, 'OUT').replace(/\(\d+ nodes, \d+ edges\)/, '(N nodes, M edges)')),
      [
        'OUT/backrefs.dot (N nodes, M edges)',
        'OUT/refs.dot (N nodes, M edges)',
        'OUT/chain.dot (N nodes, M edges)',
      ],
    );
    for (const name of ['backrefs', 'refs', 'chain']) {
      const dot = readFileSync(join(out, `${name}.dot`), 'utf8');
      assertGolden(`sample-graphs-${name}.dot`, dot);
      const svg = Buffer.from(await renderDot(dot, 'svg', { dotPath: null })).toString('utf8');
      assert.ok(svgTexts(svg).includes('ImageReqWrapper'), `${name} parses and draws the target`);
    }
  });

  it('draws the user view by default, pinned by golden files, the same bytes every run', async () => {
    const out = join(directory, 'user');
    const run = await heapdot(['graphs', SAMPLE, 'ImageReqWrapper', '--out-dir', out]);
    assert.equal(run.code, 0, run.stderr);
    // The user chain: the module's variable, then two steps (DevTools' chain has 11 nodes).
    assert.match(run.stdout, /chain\.dot \(3 nodes, 2 edges\)/);
    assert.match(
      readFileSync(join(out, 'chain.dot'), 'utf8'),
      /leaky-image-service\.mjs: formatError\.requests\[10\]/,
    );
    for (const name of ['backrefs', 'refs', 'chain']) {
      const dot = readFileSync(join(out, `${name}.dot`), 'utf8');
      assertGolden(`sample-graphs-user-${name}.dot`, dot);
      assert.doesNotMatch(dot, /system \/ Context|\(object shape\)|\(compiled code\)/, name);
    }
    const again = join(directory, 'again');
    await heapdot(['graphs', SAMPLE, 'ImageReqWrapper', '--out-dir', again]);
    for (const name of ['backrefs', 'refs', 'chain']) {
      assert.equal(
        readFileSync(join(again, `${name}.dot`), 'utf8'),
        readFileSync(join(out, `${name}.dot`), 'utf8'),
      );
    }
  });

  it('--render png writes the images beside the DOT files', async () => {
    const out = join(directory, 'rendered');
    const run = await heapdot([
      'graphs',
      SAMPLE,
      'ImageFormatError',
      '--out-dir',
      out,
      '--render',
      'png',
      '--max-depth',
      '1',
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(readdirSync(out).sort(), [
      'backrefs.dot',
      'backrefs.png',
      'chain.dot',
      'chain.png',
      'refs.dot',
      'refs.png',
    ]);
    for (const name of ['backrefs', 'refs', 'chain']) {
      assert.deepEqual([...readFileSync(join(out, `${name}.png`)).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    }
  });
});

describe('heapdot backrefs and refs options', () => {
  it('backrefs: the leak path from the error to the request, the target outlined', async () => {
    const json = await picture(['backrefs', SAMPLE, 'ImageReqWrapper', '--max-depth', '2']);
    assert.deepEqual(classes(json).slice(0, 2), ['ImageReqWrapper', 'Array']);
    assert.ok(classes(json).includes('ImageFormatError'));
    assert.ok(json.edges.some((edge) => edge.name === 'requests'));
    assert.equal(json.nodes.filter((node) => node.target).length, 1);
  });

  it('--too-many keeps the global holder and counts the rest in a "more" box', async () => {
    const json = await picture(['backrefs', neighbourhood, 'Popular', '--max-depth', '1', '--too-many', '5']);
    assert.ok(classes(json).includes('global'));
    const more = json.nodes.find((node) => node.more !== undefined);
    assert.ok((more?.more ?? 0) >= 36, `more: ${more?.more}`);
    assert.equal(json.nodes.filter((node) => node.depth === 1 && node.className).length, 5);
  });

  it('--filter hides what matches', async () => {
    const json = await picture([
      'backrefs',
      neighbourhood,
      'DiamondTarget',
      '--max-depth',
      '2',
      '--filter',
      'DiamondTop',
    ]);
    assert.ok(!classes(json).includes('DiamondTop'));
    assert.ok(classes(json).includes('DiamondSide'));
  });

  it('--stop-at draws a match but not its neighbours', async () => {
    const json = await picture([
      'backrefs',
      neighbourhood,
      'DiamondTarget',
      '--max-depth',
      '3',
      '--stop-at',
      'DiamondSide',
    ]);
    assert.deepEqual(classes(json), ['DiamondTarget', 'DiamondSide', 'DiamondSide']);
    assert.ok(json.nodes.filter((node) => node.depth === 1).every((node) => node.expanded === false));
  });

  it('--highlight marks matches', async () => {
    const json = await picture([
      'backrefs',
      neighbourhood,
      'DiamondTarget',
      '--max-depth',
      '2',
      '--highlight',
      '/^DiamondTop$/',
    ]);
    assert.deepEqual(
      json.nodes.filter((node) => node.highlighted).map((node) => node.className),
      ['DiamondTop'],
    );
    const dot = await heapdot([
      'backrefs',
      neighbourhood,
      'DiamondTarget',
      '--max-depth',
      '2',
      '--highlight',
      'DiamondTop',
      '--format',
      'dot',
    ]);
    assert.match(dot.stdout, /fillcolor = "#90caf9"/);
  });

  it('--edge-types follows only the named types', async () => {
    const json = await picture([
      'backrefs',
      neighbourhood,
      'CycleB',
      '--max-depth',
      '2',
      '--edge-types',
      'property',
    ]);
    assert.ok(json.edges.length > 0);
    assert.ok(json.edges.every((edge) => edge.type === undefined || edge.type === 'property'));
    const bad = await heapdot(['backrefs', neighbourhood, 'CycleB', '--edge-types', 'sideways']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown edge type sideways/);
  });

  it('--limit draws several targets, each marked', async () => {
    const json = await picture([
      'backrefs',
      neighbourhood,
      'DiamondSide',
      '--max-depth',
      '1',
      '--limit',
      '2',
    ]);
    assert.equal(json.nodes.filter((node) => node.target).length, 2);
    assert.equal(classes(json).filter((name) => name === 'DiamondTop').length, 1);
  });

  it('--max-nodes cuts the picture and says so on stderr and in the picture', async () => {
    const args = ['backrefs', neighbourhood, 'Popular', '--too-many', '100', '--max-nodes', '20'];
    const run = await heapdot([...args, '--format', 'dot']);
    assert.equal(run.code, 0);
    assert.match(
      run.stderr,
      /backrefs: cut at depth 0: depth 1 would add \d+ nodes to 1, over --max-nodes 20/,
    );
    assert.match(run.stdout, /cut at depth 0/);
  });

  it('refs: the largest references first, and hostile strings drawn literally', async () => {
    const json = await picture(['refs', neighbourhood, 'Parcel', '--max-depth', '1', '--too-many', '3']);
    assert.equal(json.nodes.filter((node) => node.depth === 1 && node.className).length, 3);
    // Node 20's V8 writes a lone surrogate as "???": put a real one back, as other writers do.
    const hostile = join(directory, 'hostile.heapsnapshot');
    const text = readFileSync(shapedSnapshot('shaped-heap.mjs'), 'utf8');
    writeFileSync(
      hostile,
      text.replace('"hostile-10: lone ??? surrogate"', '"hostile-10: lone \\ud800 surrogate"'),
    );
    const array = await hostileArrayId(hostile);
    const run = await heapdot([
      'refs',
      hostile,
      `@${array}`,
      '--max-depth',
      '1',
      '--too-many',
      '20',
      '--format',
      'dot',
    ]);
    const texts = svgTexts(
      Buffer.from(await renderDot(run.stdout, 'svg', { dotPath: null })).toString('utf8'),
    );
    for (const shown of [
      '"hostile-0: quote " double"',
      '"hostile-2: trailing backslash \\"',
      '"hostile-3: C:\\Node\\N"',
      '"hostile-4: line one\\nline two"',
      '"hostile-9: emoji \uF389 party"',
      '"hostile-10: lone \\uD800 surrogate"',
    ]) {
      assert.ok(texts.includes(shown), `${shown} in the picture`);
    }
    assert.ok(texts.some((line) => line.startsWith('"hostile-12: long-xxx') && line.endsWith('…"')));
  });

  it('chain --paths 3 merges three chains through different holders, each node once', async () => {
    const json = await picture(['chain', neighbourhood, 'Popular', '--paths', '3']);
    const ids = json.nodes.map((node) => node.id);
    assert.equal(new Set(ids).size, ids.length);
    const target = json.nodes.find((node) => node.target);
    const into = json.edges.filter((edge) => edge.to === target?.id);
    assert.equal(new Set(into.map((edge) => edge.from)).size, 3);
  });
});

/** The id of the array that holds the hostile strings (global.hostile). */
async function hostileArrayId(path: string): Promise<number> {
  const chain = JSON.parse(
    (await heapdot(['chain', path, 'string:hostile-0:', '--format', 'json', '-q'])).stdout,
  );
  return chain.nodes.at(-2).id;
}

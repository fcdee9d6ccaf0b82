import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderDot } from '../../src/output/image.js';
import { heapdot } from '../helpers/cli.js';
import { shapedSnapshot } from '../helpers/snapshots.js';
import { svgTexts } from '../render/svgText.js';

const SAMPLE = 'samples/after.heapsnapshot.gz';
const path = shapedSnapshot('dominator-heap.mjs');

interface NodeJson {
  id: number;
  className: string;
  selfSize: number;
  retainedSize: number;
}
interface SubtreeJson {
  node: NodeJson;
  children: SubtreeJson[];
  more?: { count: number; retainedSize: number };
}

describe('heapdot dominators', () => {
  it('prints the dominator chain, root first, with retained sizes', async () => {
    const run = await heapdot(['dominators', path, 'Chest', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout) as { target: NodeJson; chain: NodeJson[] };
    assert.deepEqual(
      json.chain.map((node) => node.className),
      ['(synthetic)', 'global', 'Vault', 'Chest'],
    );
    assert.ok(json.target.retainedSize >= 1_000_000);
    for (let i = 1; i < json.chain.length; i++)
      assert.ok(json.chain[i - 1].retainedSize >= json.chain[i].retainedSize);
  });

  it('with --depth, the dominated subtree, largest first, --too-many applied', async () => {
    const run = await heapdot([
      'dominators',
      SAMPLE,
      'ImageFormatError',
      '--depth',
      '2',
      '--too-many',
      '3',
      '--format',
      'json',
    ]);
    const json = JSON.parse(run.stdout) as { subtree: SubtreeJson };
    const array = json.subtree.children[0];
    assert.equal(array.node.className, 'Array');
    assert.equal(array.children.length, 3);
    assert.ok(array.children.every((child) => child.node.className === 'ImageReqWrapper'));
    assert.ok(array.more && array.more.count > 0);
    const sizes = json.subtree.children.map((child) => child.node.retainedSize);
    assert.deepEqual(
      sizes,
      [...sizes].sort((a, b) => b - a),
    );
  });

  it('draws DOT that Graphviz parses, and text', async () => {
    const dot = await heapdot(['dominators', path, 'Chest', '--depth', '1', '--format', 'dot']);
    const texts = svgTexts(
      Buffer.from(await renderDot(dot.stdout, 'svg', { dotPath: null })).toString('utf8'),
    );
    assert.ok(texts.includes('Vault') && texts.includes('Chest'));
    const text = await heapdot(['dominators', path, 'Chest', '--depth', '1']);
    assert.match(text.stdout, /dominates \[Vault\]/);
    assert.match(text.stdout, /what @\d+ alone keeps alive:/);
  });
});

describe('retained sizes elsewhere', () => {
  it('find lists retainedSize', async () => {
    const matches = JSON.parse(
      (await heapdot(['find', path, 'Chest', '--format', 'json'])).stdout,
    ) as NodeJson[];
    assert.ok(matches[0].retainedSize >= 1_000_000);
  });

  it('--pick largest takes the match with the largest retained size', async () => {
    const all = JSON.parse(
      (await heapdot(['find', path, 'ArrayBuffer', '--format', 'json'])).stdout,
    ) as NodeJson[];
    const largest = all.reduce((best, node) => (node.retainedSize > best.retainedSize ? node : best));
    const chain = JSON.parse(
      (await heapdot(['chain', path, 'ArrayBuffer', '--pick', 'largest', '--format', 'json', '-q'])).stdout,
    );
    assert.equal(chain.target.id, largest.id);
    assert.equal(chain.target.retainedSize, largest.retainedSize);
  });

  it('--retained puts retained sizes in chain pictures; without it they are left out (faster)', async () => {
    const withSizes = await heapdot([
      'chain',
      SAMPLE,
      'ImageReqWrapper',
      '--retained',
      '--format',
      'dot',
      '-q',
    ]);
    assert.match(withSizes.stdout, /retained \d/);
    const without = await heapdot(['chain', SAMPLE, 'ImageReqWrapper', '--format', 'dot', '-q']);
    assert.doesNotMatch(without.stdout, /retained/);
  });
});

describe('progress of the dominator tree on a terminal', () => {
  it('shows the phase on standard error, clears its line, and is off with --no-progress', async () => {
    const path = shapedSnapshot('dominator-heap.mjs');
    const run = await heapdot(['dominators', path, 'Chest', '--format', 'json'], { tty: true });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /dominators 1\/5: shallow sizes +[\d.]+ s/);
    assert.ok(run.stderr.endsWith('\r\x1b[K'));
    const quiet = await heapdot(['dominators', path, 'Chest', '--format', 'json', '--no-progress'], {
      tty: true,
    });
    assert.doesNotMatch(quiet.stderr, /dominators \d\/5/);
  });
});

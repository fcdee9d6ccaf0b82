import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MAX_BITMAP_SIDE, renderDot } from '../../src/output/image.js';
import { heapdot } from '../helpers/cli.js';
import { shapedSnapshot } from '../helpers/snapshots.js';

// 5,000 FanLeaf objects, each held through its own property of one FanOut: one step per property.
const snapshot = shapedSnapshot('fanout-heap.mjs');
const directory = mkdtempSync(join(tmpdir(), 'heapdot-picture-size-'));
const SHRUNK = /the picture was shrunk to (\d+)% to fit 32767 pixels and may be unreadable/;

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = Buffer.from(png);
  assert.equal(view.toString('latin1', 12, 16), 'IHDR');
  return { width: view.readUInt32BE(16), height: view.readUInt32BE(20) };
}

describe('a picture too wide for a bitmap', () => {
  it('paths -o p.png says on stderr that Graphviz shrank it, and by how much', async () => {
    const png = join(directory, 'wide.png');
    const run = await heapdot(['paths', snapshot, 'FanLeaf', '--top', '300', '-o', png, '--quiet']);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, run.stderr);
    assert.ok(lines[0].startsWith(`heapdot: ${png}: `), lines[0]);
    const percent = Number(SHRUNK.exec(lines[0])?.[1]);
    assert.ok(percent > 0 && percent < 100, lines[0]);
    assert.ok(pngSize(readFileSync(png)).width <= MAX_BITMAP_SIDE);
  });

  it('the WASM Graphviz and resvg path shrinks it to the same limit and says so', async () => {
    const run = await heapdot(['paths', snapshot, 'FanLeaf', '--top', '300', '--format', 'dot']);
    const warnings: string[] = [];
    const png = await renderDot(run.stdout, 'png', {
      dotPath: null,
      onWarning: (text) => warnings.push(text),
    });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], SHRUNK);
    const { width, height } = pngSize(png);
    assert.ok(width <= MAX_BITMAP_SIDE && width > MAX_BITMAP_SIDE - 100, `${width}x${height}`);
  });

  it('a picture that fits gets no warning', async () => {
    const png = join(directory, 'small.png');
    const run = await heapdot(['paths', snapshot, 'FanLeaf', '-o', png, '--quiet']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
  });
});

describe('paths --max-nodes', () => {
  it('cuts the tree at the last depth that fits, with a note in the picture and on stderr', async () => {
    const run = await heapdot([
      'paths',
      snapshot,
      'FanLeaf',
      '--raw',
      '--top',
      '300',
      '--max-nodes',
      '3',
      '--format',
      'dot',
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stderr,
      /^paths: cut at depth 2: depth 3 would add 301 steps to 3, over --max-nodes 3\n$/,
    );
    const steps = run.stdout.match(/^ {2}"s\d+" \[/gm) ?? [];
    assert.equal(steps.length, 3);
    assert.match(run.stdout, /"note" \[\n\s+label = "cut at depth 2: /);
    // The cut step still counts every match below it.
    assert.match(run.stdout, /5000 matches/);
  });
});

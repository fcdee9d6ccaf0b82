/**
 * Files that are not heap snapshots but come from the same tools (issue 14, item 9): V8's CPU
 * profiles and sampling heap profiles are recognised by their content and refused with one line
 * that says what they are and what heapdot reads; a heap timeline, which is a snapshot, is read.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { heapdot } from '../helpers/cli.js';
import { loadJson, type SnapshotJson } from '../helpers/rewrite.js';
import { shapedSnapshot } from '../helpers/snapshots.js';

const folder = mkdtempSync(join(tmpdir(), 'heapdot-other-formats-'));
after(() => rmSync(folder, { recursive: true, force: true }));

/** The one profile file `node <flag>` writes into a folder of its own. */
function profile(flag: '--cpu-prof' | '--heap-prof'): string {
  const directory = join(folder, flag.slice(2));
  execFileSync(process.execPath, [
    flag,
    `${flag}-dir=${directory}`,
    '-e',
    'globalThis.kept = Array.from({ length: 50000 }, (_, i) => ({ i, s: String(i) }));',
  ]);
  const [name] = readdirSync(directory);
  return join(directory, name);
}

describe('profiles are not heap snapshots', () => {
  const cpu = profile('--cpu-prof');
  const heap = profile('--heap-prof');

  for (const [what, path, pattern] of [
    ['a CPU profile', cpu, /this is a CPU profile \(a \.cpuprofile[^)]*\), not a heap snapshot/],
    [
      'a sampling heap profile',
      heap,
      /this is a sampling heap profile \(a \.heapprofile[^)]*\), not a heap snapshot/,
    ],
  ] as const) {
    it(`${what} gets one line saying what it is and how to take a heap snapshot, exit 2`, async () => {
      const run = await heapdot(['chain', path, 'Object']);
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, pattern);
      assert.match(run.stderr, /heapdot reads heap snapshots: take one with heapdot capture/);
      assert.equal(run.stderr.split('\n').length, 2, run.stderr);
      assert.ok(run.stderr.startsWith(`heapdot: ${path}: `));
    });
  }

  it('recognises them by content, not name: renamed and gzip-compressed, a CPU profile is still one', async () => {
    const renamed = join(folder, 'looks-like.heapsnapshot.gz');
    writeFileSync(renamed, gzipSync(readFileSync(cpu)));
    const run = await heapdot(['info', renamed]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /looks-like\.heapsnapshot\.gz: this is a CPU profile/);
    // A snapshot named like a profile is read as the snapshot it is.
    const named = join(folder, 'misnamed.cpuprofile');
    copyFileSync('samples/after.heapsnapshot.gz', named);
    assert.equal((await heapdot(['info', named, '--quiet'])).code, 0);
  });
});

describe('a heap timeline is a snapshot', () => {
  it('reads one the inspector streamed after allocation tracking, with its samples and stacks', async () => {
    // Node 24 traces only allocations made outside inline allocation and optimized code, which
    // tiers up at its own pace: without these flags whether any stack is written is luck.
    const interpreted = ['--no-inline-new', '--no-opt', '--no-maglev', '--no-sparkplug'];
    const timeline = shapedSnapshot('heap-timeline.mjs', interpreted);
    const json = loadJson(timeline);
    // What makes it a timeline: samples (timestamp, last id) and allocation traces in the file.
    assert.ok((json.samples as number[]).length >= 2, 'samples');
    assert.ok((json.trace_function_infos as number[]).length > 0, 'traces');
    const info = JSON.parse((await heapdot(['info', timeline, '--format', 'json'])).stdout);
    assert.equal(info.nodeCount, json.snapshot.node_count);
    assert.ok(info.variant.sections.includes('samples'));
    assert.equal(info.variant.allocationTraces, true);
    const found = JSON.parse(
      (await heapdot(['find', timeline, 'TimelineHeld', '--limit', '1000', '--format', 'json'])).stdout,
    );
    assert.equal(found.length, 300);
    const sites = await heapdot(['sites', timeline, '--class', 'TimelineHeld', '--format', 'json']);
    assert.equal(sites.code, 0, sites.stderr);
    // Every one is counted, and every allocation stack in the file is read (Node 20 gives all 300
    // a stack; Node 24, interpreted, the first batch of 100).
    const { traced, untraced } = JSON.parse(sites.stdout);
    assert.equal(traced.count + untraced.count, 300);
    assert.equal(traced.count, tracedInFile(json, 'TimelineHeld'));
    assert.ok(traced.count > 0, `${traced.count} traced`);
  });
});

/** How many objects of a class carry a nonzero trace_node_id, read straight from the file. */
function tracedInFile(json: SnapshotJson, className: string): number {
  const fields = json.snapshot.meta.node_fields;
  const typeAt = fields.indexOf('type');
  const objectType = (json.snapshot.meta.node_types[typeAt] as string[]).indexOf('object');
  const nameAt = fields.indexOf('name');
  const traceAt = fields.indexOf('trace_node_id');
  const nodes = json.nodes as number[];
  const strings = json.strings as string[];
  let count = 0;
  for (let at = 0; at < nodes.length; at += fields.length) {
    const named = nodes[at + typeAt] === objectType && strings[nodes[at + nameAt]] === className;
    if (named && nodes[at + traceAt] !== 0) count++;
  }
  return count;
}

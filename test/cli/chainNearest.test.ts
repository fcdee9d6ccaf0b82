import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { computeDistances, NO_DISTANCE, SYSTEM_DISTANCE_BASE } from '../../src/analysis/distances.js';
import { matchTarget } from '../../src/analysis/targets.js';
import type { HeapGraph } from '../../src/snapshot/heapGraph.js';
import { readSnapshot } from '../../src/snapshot/readSnapshot.js';
import { heapdot } from '../helpers/cli.js';
import { loadJson, serialize, withoutHolders } from '../helpers/rewrite.js';
import { shapedSnapshot } from '../helpers/snapshots.js';

/**
 * `heapdot chain` with the default `--pick nearest` stops the distance search at the nearest match's
 * level; HEAPDOT_FULL_DISTANCES=1 makes it search the whole graph. What it prints must not change.
 */
const FULL = { HEAPDOT_FULL_DISTANCES: '1' };
const directory = mkdtempSync(join(tmpdir(), 'heapdot-cli-chain-nearest-'));

function rewritten(how: 'weak' | 'unreachable'): string {
  const file = join(directory, `leaf-${how}.heapsnapshot`);
  writeFileSync(
    file,
    serialize(withoutHolders(loadJson(shapedSnapshot('shaped-heap.mjs')), 'Leaf', how), 'v8'),
  );
  return file;
}

/** Classes whose nearest instance is held only by system roots, and classes with ties at the nearest distance. */
function interestingClasses(graph: HeapGraph): { system: string[]; tie: string[] } {
  const full = computeDistances(graph);
  const seen = new Set<string>();
  const system: string[] = [];
  const tie: string[] = [];
  for (let node = 0; node < graph.nodeCount; node++) {
    const name = graph.className(node);
    if (seen.has(name)) continue;
    seen.add(name);
    const raws = Array.from(matchTarget(graph, { kind: 'class', name }), (match) => full.raw[match]).filter(
      (raw) => raw !== NO_DISTANCE,
    );
    if (raws.length === 0) continue;
    const nearest = Math.min(...raws);
    if (nearest >= SYSTEM_DISTANCE_BASE && system.length < 3) system.push(name);
    if (raws.filter((raw) => raw === nearest).length > 1 && tie.length < 3) tie.push(name);
  }
  return { system, tie };
}

async function assertSameOutput(args: string[]): Promise<void> {
  const early = await heapdot(args);
  const full = await heapdot(args, { env: FULL });
  assert.equal(early.stdout, full.stdout, `${args.join(' ')}: standard output`);
  assert.equal(early.stderr, full.stderr, `${args.join(' ')}: standard error`);
  assert.equal(early.code, full.code, `${args.join(' ')}: exit status`);
}

describe('heapdot chain stops the distance search early and prints the same', async () => {
  const shaped = shapedSnapshot('shaped-heap.mjs');
  const weak = shapedSnapshot('weak-and-closures.mjs');
  const shapedClasses = interestingClasses(await readSnapshot(shaped));
  const weakClasses = interestingClasses(await readSnapshot(weak));

  it('finds system-only and tied classes to check', () => {
    assert.ok(shapedClasses.system.length > 0 && weakClasses.system.length > 0, 'system-only classes');
    assert.ok(shapedClasses.tie.length > 0 && weakClasses.tie.length > 0, 'tied classes');
  });

  for (const format of ['json', 'text', 'dot', 'markdown', 'mermaid']) {
    it(`for user-held targets, in ${format}`, async () => {
      for (const target of ['Leaf', 'MapValue', 'WeakMapValue', 'ClosureCaptured', '/Item$/'])
        await assertSameOutput(['chain', shaped, target, '--format', format]);
      for (const target of ['Session', 'AdminSession', 'Map'])
        await assertSameOutput(['chain', weak, target, '--format', format]);
    });
  }

  it('for targets only system roots hold', async () => {
    for (const target of shapedClasses.system)
      await assertSameOutput(['chain', shaped, target, '--format', 'json']);
    for (const target of weakClasses.system)
      await assertSameOutput(['chain', weak, target, '--format', 'json']);
  });

  it('for targets with ties at the nearest distance (the smallest id is shown)', async () => {
    for (const target of shapedClasses.tie)
      await assertSameOutput(['chain', shaped, target, '--format', 'json']);
    for (const target of weakClasses.tie) await assertSameOutput(['chain', weak, target, '--format', 'text']);
  });

  it('for weak-only and unreachable targets: found false, the same reason, exit status 1', async () => {
    for (const [how, reason] of [
      ['weak', 'weak-only'],
      ['unreachable', 'unreachable'],
    ] as const) {
      const file = rewritten(how);
      await assertSameOutput(['chain', file, 'Leaf', '--format', 'json']);
      await assertSameOutput(['chain', file, 'Leaf']);
      const run = await heapdot(['chain', file, 'Leaf', '--format', 'json']);
      assert.equal(run.code, 1);
      assert.equal(JSON.parse(run.stdout).reason, reason);
    }
  });

  it('for no match, and with options that need every distance', async () => {
    await assertSameOutput(['chain', shaped, 'NoSuchClass']);
    await assertSameOutput(['chain', shaped, 'Object', '--pick', '3', '--format', 'json']);
    await assertSameOutput(['chain', shaped, 'Leaf', '--paths', '2', '--format', 'json']);
    await assertSameOutput(['chain', shaped, 'MapValue', '--retained', '--format', 'json']);
  });
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import type { SuspectsJson } from '../../src/index.js';
import { fixturePath } from '../helpers/snapshots.js';

describe('heapdot/live suspects({ every, count })', () => {
  it('names the Map a running service leaks into first, with its entries per snapshot and its variable', () => {
    // A child process: the series is taken of its own heap while its interval keeps serving.
    const child = spawnSync(process.execPath, ['--import', 'tsx', fixturePath('live-suspects.ts')], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    assert.equal(child.status, 0, child.stderr);
    const { report, cached } = JSON.parse(child.stdout) as { report: SuspectsJson; cached: number };
    assert.deepEqual(report.snapshots, [
      'this process, snapshot 1',
      'this process, snapshot 2',
      'this process, snapshot 3',
    ]);
    const [first] = report.suspects;
    assert.ok(first && first.kind === 'growing', JSON.stringify(report.suspects.map((s) => s.accessPath)));
    assert.equal(first.accessPath, 'live-suspects.ts: sessionCache');
    assert.equal(first.collection, 'Map');
    assert.equal(first.node.className, 'Map');
    // 20 sessions before the first snapshot, more before each next one, and no more than the
    // service had cached when the report came back.
    const entries = first.entries ?? [];
    assert.equal(entries.length, 3);
    assert.ok(entries[0] >= 20 && entries[0] < entries[1] && entries[1] < entries[2], `${entries}`);
    assert.ok(entries[2] <= cached, `${entries} of ${cached}`);
    assert.ok(first.retained[0] < first.retained[1] && first.retained[1] < first.retained[2]);
    assert.equal(first.growth, first.retained[2] - first.retained[0]);
    // heapdot's own work is no suspect: neither its functions, compiled between snapshots, nor
    // the previous snapshot's graph, nor the buffers that read the next one.
    for (const suspect of report.suspects) {
      assert.notEqual(suspect.node.className, 'Function', suspect.accessPath ?? '');
      if (suspect.kind !== 'holders') continue;
      assert.notEqual(suspect.accumulationPoint.className, 'HeapGraph');
      assert.doesNotMatch(suspect.accessPath ?? '', /^inspectorSession\.ts: /);
    }
  });
});

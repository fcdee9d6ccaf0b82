import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { expectNoGrowth } from '../../src/live/index.js';
import { fixturePath } from '../helpers/snapshots.js';

interface Run {
  case: string;
  passed: boolean;
  message: string;
  /** How many snapshots the check took. */
  snapshots: number;
}

const RUNS = 20;

describe('expectNoGrowth', () => {
  it('finds a leak of one object per iteration, and stays quiet on a warm cache over 20 runs', () => {
    // One child process runs every check, as a test file would, on the built library (no loader).
    const child = spawnSync(process.execPath, [fixturePath('no-growth-runs.mjs'), String(RUNS)], {
      encoding: 'utf8',
      timeout: 600_000,
    });
    assert.equal(child.status, 0, child.stderr);
    const runs = child.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Run);
    const warm = runs.filter((run) => run.case === 'warm cache');
    assert.equal(warm.length, RUNS);
    assert.deepEqual(
      warm.filter((run) => !run.passed).map((run) => run.message),
      [],
      'a false alarm on the warm cache',
    );
    // A passing check costs two snapshots; only a failing one takes the third that confirms it.
    assert.deepEqual(
      runs.filter((run) => run.passed).map((run) => run.snapshots),
      runs.filter((run) => run.passed).map(() => 2),
    );

    const leaky = runs.filter((run) => run.case === 'leaky');
    assert.equal(leaky.length, 2);
    for (const run of leaky) assert.deepEqual([run.passed, run.snapshots], [false, 3]);
    // The warm-up's Job (index 0) is in the first snapshot; the 7 runs add Jobs 1 to 7, and the 7
    // runs that confirm the growth Jobs 8 to 14: the chain is drawn in that third snapshot.
    const lines = leaky[0].message.split('\n');
    assert.equal(lines[0], 'expected no class to grow over 7 iterations, but 1 class did:');
    assert.equal(lines[1], 'Job grew by 7 (from 1 to 8); at most 6 allowed');
    assert.match(lines[2], /^ {2}the nearest new Job, @\d+:$/);
    assert.equal(lines[3], '    no-growth-runs.mjs: finishedJobs[1]');
    assert.match(
      lines[4],
      /^ {4}\[Array\] \(object\) @\d+ \d+ B length 15 {2}\(module variable no-growth-runs\.mjs: finishedJobs\)$/,
    );
    assert.match(lines[5], /^ {6}--\[1\]---> {2}\[Job\] \(object\) @\d+ 32 B no-growth-runs\.mjs:\d+$/);
    // A failing check runs the action 7 times more (it grows again: 15 Jobs), and the second
    // check starts there: its warm-up adds Job 15, its new Jobs are 16 to 22.
    assert.match(leaky[1].message, /^Job grew by 7 \(from 16 to 23\); at most 6 allowed$/m);
    assert.match(leaky[1].message, /^ {4}no-growth-runs\.mjs: finishedJobs\[16\]$/m);

    const allowed = runs.find((run) => run.case === 'leaky, allowed');
    assert.equal(allowed?.message, '');
  });

  it('refuses a number of iterations below 1 before it runs anything', async () => {
    let calls = 0;
    await assert.rejects(
      expectNoGrowth(() => calls++, { iterations: 0 }),
      new TypeError('heapdot/live: expectNoGrowth needs iterations of at least 1, not 0'),
    );
    assert.equal(calls, 0);
  });
});

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fixturePath } from '../helpers/snapshots.js';

/**
 * Node 20's snapshot writer finds each closure's line by scanning its script unless the script's
 * line ends are known: with typescript.js loaded (9 MB), one snapshot without heapdot/live's
 * debugger warm-up measured 30.4 s of CPU (161 s wall on the shared test machine), and 2.8 s with
 * it (Node 24 computes line ends once by itself: 2.5 s without, 2.9 s with). CPU time is the
 * bound, as wall time stretches with the machine's other load.
 */
const CPU_BOUND_MS = 10_000;
const WALL_BOUND_MS = 90_000;

describe('heapdot/live in a process that loaded a large script', () => {
  it('takes its snapshot in bounded time (line ends computed once, not once per function)', () => {
    const output = execFileSync(process.execPath, ['--import', 'tsx', fixturePath('live-large-script.ts')], {
      encoding: 'utf8',
      timeout: 5 * 60_000,
    });
    const { classes, cpuMs, wallMs } = JSON.parse(output) as {
      classes: number;
      cpuMs: number;
      wallMs: number;
    };
    assert.equal(classes, 3);
    assert.ok(cpuMs < CPU_BOUND_MS, `the snapshot took ${cpuMs} ms of CPU (bound ${CPU_BOUND_MS})`);
    assert.ok(wallMs < WALL_BOUND_MS, `the snapshot took ${wallMs} ms (bound ${WALL_BOUND_MS})`);
  });
});

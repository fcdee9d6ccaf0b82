import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BIN } from '../helpers/cli.js';
import { shapedSnapshot } from '../helpers/snapshots.js';

/** Starts heapdot reading a snapshot from a pipe that delivers only its first part, then sends Ctrl-C. */
function interruptedRun(
  args: string[],
  cwd: string,
  keepFeeding: boolean,
): Promise<{ code: number | null; stderr: string; ms: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const bytes = readFileSync(shapedSnapshot('shaped-heap.mjs'));
    child.stdin.write(bytes.subarray(0, bytes.length >> 1));
    let started = 0;
    setTimeout(() => {
      started = Date.now();
      child.kill('SIGINT');
      // More data lets the read notice the interrupt at its next chunk.
      if (keepFeeding) child.stdin.write(bytes.subarray(bytes.length >> 1, (bytes.length >> 1) + 65536));
    }, INTERRUPT_AFTER_MS);
    child.stdin.on('error', () => {});
    child.on('close', (code) => resolve({ code, stderr, ms: Date.now() - started }));
  });
}

/** Long enough for the child to be reading even on a loaded machine (the time is measured from the signal). */
const INTERRUPT_AFTER_MS = 1000;

describe('Ctrl-C', () => {
  for (const [label, feed] of [
    ['while the pipe is stalled', false],
    ['while data keeps coming', true],
  ] as const) {
    it(`stops a read ${label}: exit status 130, one line, no output file`, async () => {
      const cwd = mkdtempSync(join(tmpdir(), 'heapdot-interrupt-'));
      const run = await interruptedRun(['chain', '-', 'Leaf', '-o', 'chain.dot'], cwd, feed);
      assert.equal(run.code, 130, run.stderr);
      assert.equal(run.stderr, 'heapdot: interrupted\n');
      assert.ok(run.ms < 3000, `stopped in ${run.ms} ms`);
      assert.deepEqual(readdirSync(cwd), [], 'no output and no temporary file');
    });
  }
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fixturePath } from '../helpers/snapshots.js';

/** The environment without the parent runner's NODE_TEST_CONTEXT, so the child runs its suite as a top-level runner. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.NODE_TEST_CONTEXT;
  return env;
}

const VITEST = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));

describe('expectCollected and expectNoGrowth inside test runners (each suite runs as a child process, as CI runs it)', () => {
  it('node:test: the clean cases pass, the leaky ones fail with the user chain, exit status 1', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-reporter=tap', fixturePath('runner-suites/node-suite.ts')],
      { encoding: 'utf8', timeout: 120_000, env: childEnv() },
    );
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^ok 1 - clean: a session that is closed is collected$/m);
    assert.match(run.stdout, /^not ok 2 - leaky: a session the module remembers is not collected$/m);
    assert.match(run.stdout, /^ok 3 - clean: opening and closing sessions does not grow the heap$/m);
    assert.match(run.stdout, /^not ok 4 - leaky: opening sessions the module remembers grows UserSession$/m);
    // The message: the access path, then the chain as `heapdot chain` prints it.
    assert.match(
      run.stdout,
      / {4}expected the object to be collected, but it is still alive:\n {4}node-suite\.ts: openSessions\[0\]\n {4}\[Array\] \(object\) @\d+ \d+ B length 1 {2}\(module variable node-suite\.ts: openSessions\)\n {6}--\[0\]---> {2}\[UserSession\] \(object\) @\d+ /,
    );
    // The warm-up adds openSessions[1]; the 7 runs [2] to [8] (and 7 more, that confirm it, [9] to
    // [15]): the nearest new one is [2].
    assert.match(
      run.stdout,
      / {4}expected no class to grow over 7 iterations, but 1 class did:\n {4}UserSession grew by 7 \(from 2 to 9\); at most 6 allowed\n {6}the nearest new UserSession, @\d+:\n {8}node-suite\.ts: openSessions\[2\]\n {8}\[Array\] \(object\) @\d+ \d+ B length 16 {2}\(module variable node-suite\.ts: openSessions\)\n {10}--\[2\]---> {2}\[UserSession\] \(object\) @\d+ /,
    );
    assert.match(run.stdout, /^# pass 2$/m);
    assert.match(run.stdout, /^# fail 2$/m);
  });

  it('vitest: the clean cases pass, the leaky ones fail with the user chain, exit status 1', () => {
    const run = spawnSync(process.execPath, [VITEST, 'run', '--config', 'vitest.config.mts'], {
      cwd: fixturePath('runner-suites'),
      encoding: 'utf8',
      timeout: 240_000,
      env: childEnv(),
    });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^ {3}✓ clean: an emptied cart is collected/m);
    assert.match(run.stdout, /^ {3}× leaky: an item the log remembers is not collected/m);
    assert.match(run.stdout, /^ {3}✓ clean: filling and dropping carts does not grow the heap/m);
    assert.match(run.stdout, /^ {3}× leaky: logged items grow CartItem/m);
    assert.match(run.stdout, /^ +Tests {2}2 failed \| 2 passed \(4\)$/m);
    // vitest runs a module as a function of its own, so the log is a variable that function's
    // closures capture, and the test is held by vitest's timeout timer: the chain starts there.
    const path = (index: number) =>
      `setTimeout((anonymous), 120000) captures fn captures fn captures fn captures fn <3 (hidden)>[${index}]`;
    // vitest prints the list on standard output and each failure on standard error.
    const output = run.stderr.replace(/@\d+/g, '@N');
    const collected = `AssertionError: expected the object to be collected, but it is still alive:\n${path(0)}\n`;
    assert.ok(output.includes(collected), output);
    const growth = [
      'AssertionError: expected no class to grow over 7 iterations, but 1 class did:',
      'CartItem grew by 7 (from 2 to 9); at most 6 allowed',
      '  the nearest new CartItem, @N:',
      `    ${path(2)}`,
    ].join('\n');
    assert.ok(output.includes(growth), output);
  });
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fixturePath } from '../helpers/snapshots.js';

/** The environment without the parent runner's NODE_TEST_CONTEXT, so the child runs its suite as a top-level runner. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.NODE_TEST_CONTEXT;
  return env;
}

describe('expectCollected inside a test runner (the suite runs as a child process, as CI runs it)', () => {
  it('node:test: the clean case passes, the leaky one fails with the user chain, exit status 1', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-reporter=tap', fixturePath('runner-suites/node-suite.ts')],
      { encoding: 'utf8', timeout: 120_000, env: childEnv() },
    );
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^ok 1 - clean: a session that is closed is collected$/m);
    assert.match(run.stdout, /^not ok 2 - leaky: a session the module remembers is not collected$/m);
    // The message: the access path, then the chain as `heapdot chain` prints it.
    assert.match(
      run.stdout,
      / {4}expected the object to be collected, but it is still alive:\n {4}node-suite\.ts: openSessions\[0\]\n {4}\[Array\] \(object\) @\d+ \d+ B length 1 {2}\(module variable node-suite\.ts: openSessions\)\n {6}--\[0\]---> {2}\[UserSession\] \(object\) @\d+ /,
    );
    assert.match(run.stdout, /^# pass 1$/m);
    assert.match(run.stdout, /^# fail 1$/m);
  });
});

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fixturePath } from '../helpers/snapshots.js';

/** The environment without the parent runner's NODE_TEST_CONTEXT, so the child runs its suite as a top-level runner. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.NODE_TEST_CONTEXT;
  return env;
}

interface SuiteRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs one runner's suite as a child process, as CI runs it. Asynchronous, so that the three
 * suites run side by side: each spends most of its time in its own heap snapshots.
 */
function runSuite(args: string[], cwd?: string): Promise<SuiteRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd, encoding: 'utf8', timeout: 240_000, env: childEnv(), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        resolve({ status: error === null ? 0 : typeof code === 'number' ? code : null, stdout, stderr });
      },
    );
  });
}

/** The output with ids and sizes, which change from run to run, as `@N` and `N B`. */
function anonymous(output: string): string {
  return output.replace(/@\d+/g, '@N').replace(/ \d+ B /g, ' N B ');
}

const VITEST = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));
const JEST = fileURLToPath(new URL('../../node_modules/jest/bin/jest.js', import.meta.url));

describe('expectCollected and expectNoGrowth inside test runners (each suite runs as a child process, as CI runs it)', {
  concurrency: true,
}, () => {
  it('node:test: the clean cases pass, the leaky ones fail with the user chain, exit status 1', async () => {
    const run = await runSuite([
      '--import',
      'tsx',
      '--test',
      '--test-reporter=tap',
      fixturePath('runner-suites/node-suite.ts'),
    ]);
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

  it('vitest: the clean cases pass, the leaky ones fail with the user chain, exit status 1', async () => {
    const run = await runSuite(
      [VITEST, 'run', '--config', 'vitest.config.mts'],
      fixturePath('runner-suites'),
    );
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^ {3}✓ clean: an emptied cart is collected/m);
    assert.match(run.stdout, /^ {3}× leaky: an item the log remembers is not collected/m);
    assert.match(run.stdout, /^ {3}✓ clean: filling and dropping carts does not grow the heap/m);
    assert.match(run.stdout, /^ {3}× leaky: logged items grow CartItem/m);
    assert.match(run.stdout, /^ +Tests {2}2 failed \| 2 passed \(4\)$/m);
    // vitest runs a module's code in a block of a function of its own: the block's scope is the
    // module's, named after its file (not vitest's timeout timer, which holds the test).
    // vitest prints the list on standard output and each failure on standard error.
    const output = anonymous(run.stderr);
    const collected = [
      'AssertionError: expected the object to be collected, but it is still alive:',
      'vitest-suite.ts: addedItems[0]',
      '[Array] (object) @N N B length 1  (module variable vitest-suite.ts: addedItems)',
      '  --[0]--->  [CartItem] (object) @N ',
    ].join('\n');
    assert.ok(output.includes(collected), output);
    const growth = [
      'AssertionError: expected no class to grow over 7 iterations, but 1 class did:',
      'CartItem grew by 7 (from 2 to 9); at most 6 allowed',
      '  the nearest new CartItem, @N:',
      '    vitest-suite.ts: addedItems[2]',
      '    [Array] (object) @N N B length 16  (module variable vitest-suite.ts: addedItems)',
    ].join('\n');
    assert.ok(output.includes(growth), output);
  });

  it('jest: the clean cases pass, the leaky ones fail with the user chain, exit status 1', async () => {
    // An ES module suite on the built library: jest runs ES modules under --experimental-vm-modules,
    // each test file in a vm context of its own (heapdot/live asks for ids in Node's own realm).
    const run = await runSuite(
      ['--experimental-vm-modules', JEST, '--config', 'jest.config.mjs', '--ci'],
      fixturePath('runner-suites'),
    );
    // jest prints everything on standard error.
    const output = anonymous(run.stderr);
    assert.equal(run.status, 1, output);
    assert.match(output, /^ {2}✓ clean: a cancelled order is collected/m);
    assert.match(output, /^ {2}✕ leaky: an order the module keeps is not collected/m);
    assert.match(output, /^ {2}✓ clean: placing orders nobody keeps does not grow the heap/m);
    assert.match(output, /^ {2}✕ leaky: kept orders grow Order/m);
    assert.match(output, /^Tests: {7}2 failed, 2 passed, 4 total$/m);
    // jest indents the message by 4 under "Message:", its first line by 2 more.
    const collected = [
      '      expected the object to be collected, but it is still alive:',
      '    jest-suite.mjs: placedOrders[0]',
      '    [Array] (object) @N N B length 1  (module variable jest-suite.mjs: placedOrders)',
      '      --[0]--->  [Order] (object) @N ',
    ].join('\n');
    assert.ok(output.includes(collected), output);
    const growth = [
      '      expected no class to grow over 7 iterations, but 1 class did:',
      '    Order grew by 7 (from 2 to 9); at most 6 allowed',
      '      the nearest new Order, @N:',
      '        jest-suite.mjs: placedOrders[2]',
      '        [Array] (object) @N N B length 16  (module variable jest-suite.mjs: placedOrders)',
    ].join('\n');
    assert.ok(output.includes(growth), output);
  });
});

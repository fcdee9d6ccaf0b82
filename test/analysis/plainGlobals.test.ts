import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { PLAIN_GLOBALS } from '../../src/analysis/plainGlobals.js';

it('PLAIN_GLOBALS holds every global of a plain script under the Node running the tests', () => {
  // A script file, not -e: -e adds the builtin modules (fs, http, ...) as globals.
  const folder = mkdtempSync(join(tmpdir(), 'heapdot-globals-'));
  try {
    const script = join(folder, 'globals.mjs');
    writeFileSync(script, 'console.log(JSON.stringify(Object.getOwnPropertyNames(globalThis)));\n');
    const names = JSON.parse(execFileSync(process.execPath, [script]).toString()) as string[];
    assert.ok(names.includes('setTimeout'));
    assert.deepEqual(
      names.filter((name) => !PLAIN_GLOBALS.has(name)),
      [],
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Debian's interpreter (the one python3-objgraph installs for), else whatever `python3` is. */
export const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

export const SAMPLE = fileURLToPath(new URL('../../samples/python/leaky_image_service.py', import.meta.url));

/** A Python fixture of test/python/fixtures/. */
export const pythonFixture = (name: string): string =>
  fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));

/** Runs a Python script to its end and returns its standard output (its dumps are in `cwd`). */
export function runPython(script: string, args: readonly string[], cwd: string): string {
  return execFileSync(PYTHON, [script, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
}

/** A new temporary folder for one test file's dumps. */
export const dumpDirectory = (name: string): string => mkdtempSync(join(tmpdir(), `heapdot-python-${name}-`));

/** Whether Debian's objgraph imports under PYTHON. */
export function hasObjgraph(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import objgraph'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

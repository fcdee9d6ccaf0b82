import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Bun release the tests pin, from the npm registry's `@oven/bun-<platform>-<arch>`. */
export const BUN_VERSION = '1.4.5';

const repository = fileURLToPath(new URL('../../', import.meta.url));
/** Where CI installs its runtimes (and where a test installs Bun when nothing else has). */
const CACHE = join(repository, '.ci', '.cache');

/**
 * Bun's executable: `$HEAPDOT_BUN` when set, else the one installed under `.ci/.cache`; when
 * there is none yet it is installed there from the npm registry with npm (one package, once), as
 * CI does, so a test that needs Bun runs everywhere rather than being skipped.
 */
export function bunExecutable(): string {
  const fromEnv = process.env.HEAPDOT_BUN;
  if (fromEnv) return fromEnv;
  const arch = process.arch === 'arm64' ? 'aarch64' : process.arch;
  const pkg = `@oven/bun-${process.platform}-${arch}`;
  const bun = join(CACHE, 'node_modules', pkg, 'bin', process.platform === 'win32' ? 'bun.exe' : 'bun');
  if (!existsSync(bun)) {
    mkdirSync(CACHE, { recursive: true });
    execFileSync(
      'npm',
      [
        'install',
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        '--prefix',
        CACHE,
        `${pkg}@${BUN_VERSION}`,
      ],
      { stdio: 'ignore', shell: process.platform === 'win32' },
    );
  }
  return bun;
}

/**
 * The heap snapshot of Bun running `test/fixtures/<script>` (which writes it to its first
 * argument), cached by the script and Bun's version as shapedSnapshot caches Node's.
 */
export function bunSnapshot(script: string): string {
  const bun = bunExecutable();
  const source = fileURLToPath(new URL(`../fixtures/${script}`, import.meta.url));
  const version = execFileSync(bun, ['--version'], { encoding: 'utf8' }).trim();
  const hash = createHash('sha256').update(readFileSync(source)).update(version).digest('hex').slice(0, 16);
  const directory = join(tmpdir(), 'heapdot-test-snapshots');
  mkdirSync(directory, { recursive: true });
  const path = join(directory, `bun-${script.replace(/\W/g, '_')}-${hash}.heapsnapshot`);
  if (!existsSync(path)) {
    const partial = `${path}.${process.pid}.tmp`;
    execFileSync(bun, [source, partial], { stdio: 'ignore' });
    renameSync(partial, path);
  }
  return path;
}

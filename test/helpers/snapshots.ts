import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

/**
 * Writes the heap snapshot of a child Node process running `test/fixtures/<script>` and returns
 * its path. Snapshots are cached by the script's content and path (a snapshot names its scripts'
 * paths, which some tests check) and Node's version, so test files that share a fixture share one
 * child process. `nodeFlags` go to that process's Node (e.g.
 * `--track-heap-objects`, for allocation stacks); `executable` runs it under another runtime
 * (test/helpers/runtimes.ts).
 */
export function shapedSnapshot(
  script: string,
  nodeFlags: readonly string[] = [],
  executable: string = process.execPath,
): string {
  const source = join(fixtures, script);
  const hash = createHash('sha256')
    .update(readFileSync(source))
    .update(source)
    .update(executable === process.execPath ? process.version : executable)
    .update(nodeFlags.join(' '))
    .digest('hex')
    .slice(0, 16);
  const directory = join(tmpdir(), 'heapdot-test-snapshots');
  mkdirSync(directory, { recursive: true });
  const path = join(directory, `${script.replace(/\W/g, '_')}-${hash}.heapsnapshot`);
  if (!existsSync(path)) {
    const partial = `${path}.${process.pid}.tmp`;
    execFileSync(executable, [...nodeFlags, source, partial], { stdio: 'ignore' });
    renameSync(partial, path);
  }
  return path;
}

export function fixturePath(name: string): string {
  return join(fixtures, name);
}

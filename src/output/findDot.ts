import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The first Graphviz `dot` on `pathVariable` (a PATH value), found without a shell (no `which`).
 * @default pathVariable process.env.PATH
 */
export function findDotOnPath(
  pathVariable: string | undefined = process.env.PATH,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  return findOnPath([platform === 'win32' ? 'dot.exe' : 'dot'], pathVariable);
}

/**
 * The first of `names` found on `pathVariable` (a PATH value), as an absolute path: each folder of
 * PATH is searched for each name in turn, as a shell would. Relative and empty PATH entries are
 * skipped: they name the current directory, and heapdot must not run a program that happens to
 * sit next to a snapshot.
 */
export function findOnPath(names: readonly string[], pathVariable: string | undefined): string | undefined {
  for (const directory of (pathVariable ?? '').split(delimiter)) {
    if (directory === '' || !isAbsolute(directory)) continue;
    for (const name of names) {
      const candidate = join(directory, name);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

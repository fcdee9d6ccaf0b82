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
 * Relative and empty PATH entries are skipped: they name the current directory, and heapdot
 * must not run a `dot` that happens to sit next to a snapshot.
 * @default pathVariable process.env.PATH
 */
export function findDotOnPath(
  pathVariable: string | undefined = process.env.PATH,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  const executable = platform === 'win32' ? 'dot.exe' : 'dot';
  for (const directory of (pathVariable ?? '').split(delimiter)) {
    if (directory === '' || !isAbsolute(directory)) continue;
    const candidate = join(directory, executable);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

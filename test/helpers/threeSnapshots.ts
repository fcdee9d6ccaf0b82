import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath } from './snapshots.js';

/** The three snapshots test/fixtures/trend-heap.mjs (or renumbered-heap.mjs) writes, in the order it writes them. */
export interface ThreeSnapshots {
  /** Before anything leaks: no `Leaky`, one `Transient`. */
  baseline: string;
  /** 500 `Leaky` in the global array `leaked`; 300 `Transient` made and dropped (still one). */
  target: string;
  /** 1,000 more `Leaky` in the same array: 1,500 in all. */
  final: string;
}

/**
 * The paths of three snapshots written by one child process running test/fixtures/trend-heap.mjs
 * (through v8.writeHeapSnapshot: one numbering), or `script` (renumbered-heap.mjs: a session each).
 * `args` follow the folder on its command line; `nodeFlags` go to its Node (`--track-heap-objects`:
 * allocation stacks). Cached by the script's path and content (and Node's version, args and flags), like
 * shapedSnapshot, so test files that use them share one child process; the folder appears whole
 * (written aside, then renamed).
 */
export function threeSnapshots(
  script = 'trend-heap.mjs',
  args: readonly string[] = [],
  nodeFlags: readonly string[] = [],
): ThreeSnapshots {
  const source = fixturePath(script);
  const hash = createHash('sha256')
    .update(readFileSync(source))
    .update(source)
    .update(process.version)
    .update(args.join('\u0000'))
    .update(nodeFlags.join(' '))
    .digest('hex')
    .slice(0, 16);
  const parent = join(tmpdir(), 'heapdot-test-snapshots');
  const directory = join(parent, `${[script, ...args].join('-').replace(/\W/g, '_')}-${hash}`);
  if (!existsSync(directory)) {
    mkdirSync(parent, { recursive: true });
    const partial = `${directory}.${process.pid}.tmp`;
    rmSync(partial, { recursive: true, force: true });
    execFileSync(process.execPath, [...nodeFlags, source, partial, ...args], { stdio: 'ignore' });
    try {
      renameSync(partial, directory);
    } catch (error) {
      // Another test process finished first: use its folder.
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(directory)) throw error;
    }
  }
  return {
    baseline: join(directory, 'baseline.heapsnapshot'),
    target: join(directory, 'target.heapsnapshot'),
    final: join(directory, 'final.heapsnapshot'),
  };
}

import { type HeapGraph, type ReadOptions, readSnapshot } from '../index.js';
import { UsageError } from './errors.js';
import type { CliIO } from './io.js';
import type { CommonOptions } from './options.js';
import { progressReporter } from './progress.js';

/** Reads the snapshot a command names, with progress on standard error when it is a terminal. */
export async function loadSnapshot(
  path: string,
  io: CliIO,
  options: Pick<CommonOptions, 'progress' | 'quiet'>,
): Promise<HeapGraph> {
  const progress = progressReporter(io.stderr, path, options.progress && !options.quiet);
  const readOptions: ReadOptions = { onProgress: progress.onProgress, signal: io.signal };
  try {
    return await readSnapshot(path === '-' && io.stdin ? (io.stdin as AsyncIterable<Uint8Array>) : path, {
      ...readOptions,
      name: path,
    });
  } finally {
    progress.done();
  }
}

/** Standard input can be read once: a command that reads several snapshots takes `-` for one at most. */
export function refuseStdinTwice(paths: readonly string[]): void {
  if (paths.filter((path) => path === '-').length > 1)
    throw new UsageError('standard input can be read only once: give - for one snapshot at most');
}

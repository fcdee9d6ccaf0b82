import { type HeapGraph, type ReadOptions, readSnapshot } from '../index.js';
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

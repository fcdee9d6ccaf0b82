import { GraphBuilder } from './graphBuilder.js';
import type { HeapGraph } from './heapGraph.js';
import { SnapshotParser } from './snapshotParser.js';
import { openSource, type SnapshotSource } from './source.js';

export interface ReadProgress {
  /** Stored bytes read so far (compressed bytes for gzip input). */
  bytesRead: number;
  /** Stored size of the input, when known. */
  totalBytes: number | undefined;
}

export interface ReadOptions {
  /** The name used in error messages; @default the path, or `-` for standard input */
  name?: string;
  /** Called after each chunk with how far the read has come. */
  onProgress?: (progress: ReadProgress) => void;
  /** Aborts the read between chunks. */
  signal?: AbortSignal;
}

/** Reads a V8 heap snapshot (plain or gzip JSON, from a path, `-`, or a stream) into a HeapGraph. */
export async function readSnapshot(source: SnapshotSource, options: ReadOptions = {}): Promise<HeapGraph> {
  const opened = await openSource(source, options.name);
  const builder = new GraphBuilder({
    file: opened.name,
    maxBytes: opened.maxJsonBytes,
    exactSize: opened.exactSize,
  });
  const parser = new SnapshotParser(opened.name, builder);
  let bytesRead = 0;
  const onStored = (bytes: number) => {
    bytesRead += bytes;
  };
  for await (const chunk of opened.chunks(onStored)) {
    options.signal?.throwIfAborted();
    parser.push(chunk);
    options.onProgress?.({ bytesRead, totalBytes: opened.storedBytes });
  }
  parser.finish();
  return builder.build(parser.sections, {
    gzip: opened.gzip,
    storedBytes: opened.storedBytes,
    jsonBytes: parser.offset,
  });
}

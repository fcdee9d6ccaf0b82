import { open } from 'node:fs/promises';
import { GraphBuilder } from './graphBuilder.js';
import type { HeapGraph } from './heapGraph.js';
import { type EdgeWorker, startEdgeWorker } from './parallelEdges.js';
import { type ParserHandlers, SnapshotParser } from './snapshotParser.js';
import { type OpenedSource, openSource, type SnapshotSource } from './source.js';

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
  /**
   * Plain files at least this large are read on two threads: the edges in a worker while the
   * main thread reads the rest. `Infinity` turns it off. @default 32 MiB
   */
  parallelFrom?: number;
}

const PARALLEL_FROM = 32 * 1024 * 1024;
const CHUNK_SIZE = 4 * 1024 * 1024;

/** Reads a V8 heap snapshot (plain or gzip JSON, from a path, `-`, or a stream) into a HeapGraph. */
export async function readSnapshot(source: SnapshotSource, options: ReadOptions = {}): Promise<HeapGraph> {
  const opened = await openSource(source, options.name);
  const builder = new GraphBuilder({
    file: opened.name,
    maxBytes: opened.maxJsonBytes,
    exactSize: opened.exactSize,
  });
  const path = opened.path;
  const parallel = path !== undefined && (opened.storedBytes ?? 0) >= (options.parallelFrom ?? PARALLEL_FROM);
  let worker: EdgeWorker | undefined;
  let edgesElsewhere = false;
  const handlers: ParserHandlers = {
    strings: builder.strings,
    header: (value, offset) => builder.header(value, offset),
    valueScanner: (section) => builder.valueScanner(section),
    numberSink: (section, offset) => {
      const header = builder.parsedHeader;
      // The worker looks for the edges from here, while this thread parses the nodes.
      if (parallel && section === 'nodes' && worker === undefined && header)
        worker = startEdgeWorker(path, opened.name, header, offset);
      return builder.numberSink(section, offset);
    },
    externalSection: (section, offset) => {
      if (section !== 'edges' || worker === undefined) return undefined;
      // Only where the scan found it: anything else is read here, as usual.
      const range = worker.range();
      if (range === undefined || offset !== range.open) return undefined;
      edgesElsewhere = true;
      return range.close;
    },
  };
  const parser = new SnapshotParser(opened.name, handlers);
  try {
    if (parallel) await readAtOffsets(path, parser, opened, options);
    else await readInOrder(parser, opened, options);
    parser.finish();
    if (edgesElsewhere && worker) builder.adoptEdges(await worker.result);
    return builder.build(parser.sections, {
      gzip: opened.gzip,
      storedBytes: opened.storedBytes,
      jsonBytes: parser.offset,
    });
  } finally {
    await worker?.stop();
  }
}

async function readInOrder(
  parser: SnapshotParser,
  opened: OpenedSource,
  options: ReadOptions,
): Promise<void> {
  let bytesRead = 0;
  const onStored = (bytes: number) => {
    bytesRead += bytes;
  };
  for await (const chunk of opened.chunks(onStored)) {
    options.signal?.throwIfAborted();
    parser.push(chunk);
    options.onProgress?.({ bytesRead, totalBytes: opened.storedBytes });
  }
}

/** A plain file, read at offsets so the parser can jump over what a worker reads. */
async function readAtOffsets(
  path: string,
  parser: SnapshotParser,
  opened: OpenedSource,
  options: ReadOptions,
) {
  const handle = await open(path, 'r');
  try {
    // One reused buffer: the parser copies what it keeps.
    const buffer = Buffer.allocUnsafe(CHUNK_SIZE);
    let position = 0;
    for (;;) {
      options.signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_SIZE, position);
      if (bytesRead === 0) break;
      parser.push(buffer.subarray(0, bytesRead));
      position = parser.takeJump() ?? position + bytesRead;
      options.onProgress?.({ bytesRead: position, totalBytes: opened.storedBytes });
    }
  } finally {
    await handle.close();
  }
}

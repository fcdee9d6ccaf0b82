import { GraphBuilder } from './graphBuilder.js';
import type { HeapGraph } from './heapGraph.js';
import { SnapshotParser } from './snapshotParser.js';

/**
 * A reader that is handed the snapshot's text piece by piece, synchronously: for a snapshot that
 * arrives as events (the inspector's HeapProfiler chunks) and must not be kept whole anywhere.
 */
export class SnapshotPushReader {
  readonly #builder: GraphBuilder;
  readonly #parser: SnapshotParser;
  #bytes = 0;

  constructor(name: string) {
    this.#builder = new GraphBuilder({ file: name, maxBytes: undefined, exactSize: false });
    this.#parser = new SnapshotParser(name, this.#builder);
  }

  push(chunk: string | Uint8Array): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.#bytes += bytes.length;
    this.#parser.push(bytes);
  }

  /** The input has ended: checks it and returns the graph. */
  finish(): HeapGraph {
    this.#parser.finish();
    return this.#builder.build(this.#parser.sections, {
      gzip: false,
      storedBytes: this.#bytes,
      jsonBytes: this.#parser.offset,
    });
  }
}

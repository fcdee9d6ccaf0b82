import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { SnapshotFormatError } from './errors.js';

/** Where a snapshot comes from: a path, `-` for standard input, or any stream of bytes. */
export type SnapshotSource = string | Readable | AsyncIterable<Uint8Array>;

export interface OpenedSource {
  /** The name used in messages. */
  name: string;
  /** A plain (not gzip) regular file's path: it can be read at any offset, so in parallel. */
  path?: string;
  /** Bytes of the input as stored (compressed size for gzip), when known: for progress. */
  storedBytes: number | undefined;
  /** The most bytes of JSON the input can hold, when known: bounds what a header may ask for. */
  maxJsonBytes: number | undefined;
  /** True when maxJsonBytes is the JSON's real size (a plain file), so arrays can be sized from the header. */
  exactSize: boolean;
  gzip: boolean;
  /** The JSON bytes, decompressed. `onStored` is told how many stored bytes have been read. */
  chunks(onStored: (bytes: number) => void): AsyncIterable<Uint8Array>;
}

const CHUNK_SIZE = 4 * 1024 * 1024;
/** Deflate cannot compress better than about 1032:1, so a gzip file of n bytes holds at most this much. */
const MAX_GZIP_RATIO = 1032;

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export async function openSource(source: SnapshotSource, name?: string): Promise<OpenedSource> {
  if (typeof source !== 'string') return openStream(source, name ?? '<stream>');
  if (source === '-') return openStream(process.stdin, name ?? '-');
  return openFile(source, name ?? source);
}

async function openFile(path: string, name: string): Promise<OpenedSource> {
  let size: number;
  let magic: Uint8Array;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    // A pipe, a FIFO or /dev/stdin cannot be sized or read at an offset: read it as a stream.
    if (!info.isFile()) return openStream(createReadStream(path, { highWaterMark: CHUNK_SIZE }), name);
    size = info.size;
    const handle = await open(path, 'r');
    try {
      magic = new Uint8Array(2);
      await handle.read(magic, 0, 2, 0);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code})`;
    throw new SnapshotFormatError(problem, {
      code: code === 'ENOENT' ? 'NOT_FOUND' : 'UNREADABLE',
      file: name,
      section: 'top level',
      offset: -1,
    });
  }
  const gzip = isGzip(magic);
  return {
    name,
    path: gzip ? undefined : path,
    storedBytes: size,
    maxJsonBytes: gzip ? size * MAX_GZIP_RATIO : size,
    exactSize: !gzip,
    gzip,
    chunks: (onStored) => readFileChunks(path, name, gzip, onStored),
  };
}

async function* readFileChunks(
  path: string,
  name: string,
  gzip: boolean,
  onStored: (bytes: number) => void,
): AsyncIterable<Uint8Array> {
  if (gzip) {
    const file = createReadStream(path, { highWaterMark: CHUNK_SIZE });
    file.on('data', (chunk) => onStored(chunk.length));
    yield* gunzip(file, name);
    return;
  }
  // A plain file is read into one reused buffer: the parser copies what it keeps.
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_SIZE);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_SIZE, null);
      if (bytesRead === 0) break;
      onStored(bytesRead);
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

function openStream(stream: Readable | AsyncIterable<Uint8Array>, name: string): OpenedSource {
  const opened: OpenedSource = {
    name,
    storedBytes: undefined,
    maxJsonBytes: undefined,
    exactSize: false,
    gzip: false,
    async *chunks(onStored) {
      const iterator = stream[Symbol.asyncIterator]();
      // The gzip magic is two bytes, and a stream may deliver them apart.
      const parts: Buffer[] = [];
      let length = 0;
      while (length < 2) {
        const next = await iterator.next();
        if (next.done) break;
        const chunk = toBuffer(next.value);
        parts.push(chunk);
        length += chunk.length;
      }
      if (length === 0) return;
      const head = parts.length === 1 ? parts[0] : Buffer.concat(parts);
      async function* rest(): AsyncIterable<Buffer> {
        onStored(head.length);
        yield head;
        for (;;) {
          const next = await iterator.next();
          if (next.done) return;
          const chunk = toBuffer(next.value);
          onStored(chunk.length);
          yield chunk;
        }
      }
      if (isGzip(head)) {
        opened.gzip = true;
        yield* gunzip(rest(), name);
      } else {
        yield* rest();
      }
    },
  };
  return opened;
}

function toBuffer(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Streams decompression, so a highly compressed input never has to fit in memory at once. */
async function* gunzip(input: AsyncIterable<Uint8Array>, name: string): AsyncIterable<Uint8Array> {
  const inflater = createGunzip({ chunkSize: 1024 * 1024 });
  const source = input instanceof Readable ? input : Readable.from(input);
  // pipe() keeps back-pressure; an error on the way in ends the inflater with it.
  source.on('error', (error) => inflater.destroy(error));
  source.pipe(inflater);
  let produced = 0;
  try {
    for await (const chunk of inflater) {
      produced += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  } catch (error) {
    if (error instanceof SnapshotFormatError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'Z_BUF_ERROR'
        ? 'the gzip stream is truncated'
        : code?.startsWith('Z_')
          ? `bad gzip data (${(error as Error).message})`
          : `cannot be read (${code ?? (error as Error).message})`;
    throw new SnapshotFormatError(reason, {
      code: 'BAD_GZIP',
      file: name,
      section: 'gzip',
      offset: produced,
    });
  } finally {
    // Whatever ended the read, the file is closed.
    source.unpipe(inflater);
    source.destroy();
    inflater.destroy();
  }
}

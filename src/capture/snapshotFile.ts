import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { CaptureError } from './errors.js';

/**
 * A snapshot file being written as it streams in: gzip when its name ends in `.gz`, into a
 * temporary file in the same folder that is renamed into place only when the snapshot is whole,
 * so a failed or interrupted capture leaves nothing behind.
 */
export class SnapshotFile {
  readonly path: string;
  readonly gzip: boolean;
  readonly #temp: string;
  readonly #file: WriteStream;
  readonly #input: Writable;
  #failure: Error | undefined;
  /** Bytes of snapshot text written (before compression). */
  bytes = 0;

  constructor(path: string) {
    this.path = path;
    this.gzip = path.endsWith('.gz');
    this.#temp = join(dirname(path), `.${basename(path)}.${process.pid}.capture.tmp`);
    this.#file = createWriteStream(this.#temp, { flags: 'wx' });
    this.#file.on('error', (error) => {
      this.#failure ??= error;
    });
    if (this.gzip) {
      const gzip = createGzip();
      gzip.on('error', (error) => {
        this.#failure ??= error;
      });
      gzip.pipe(this.#file);
      this.#input = gzip;
    } else {
      this.#input = this.#file;
    }
  }

  /** Writes a chunk; resolves at once unless the disk is behind, then when it has caught up. */
  write(chunk: string | Uint8Array): Promise<void> | undefined {
    this.#throwIfFailed();
    this.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (this.#input.write(chunk)) return undefined;
    // Settles on an error or a close too (then the next write throws), never waits forever.
    return new Promise<void>((resolve) => {
      const settle = () => {
        this.#input.off('drain', settle);
        this.#input.off('error', settle);
        this.#input.off('close', settle);
        this.#file.off('error', settle);
        resolve();
      };
      this.#input.once('drain', settle);
      this.#input.once('error', settle);
      this.#input.once('close', settle);
      this.#file.once('error', settle);
    }).then(() => this.#throwIfFailed());
  }

  /** The snapshot is whole: flush, and move it into place. */
  async commit(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#file.once('close', resolve);
      this.#file.once('error', reject);
      this.#input.end();
    }).catch((error: Error) => {
      this.#failure ??= error;
    });
    try {
      this.#throwIfFailed();
      await rename(this.#temp, this.path);
    } catch (error) {
      await this.abort();
      throw error instanceof CaptureError ? error : this.#writeError(error as Error);
    }
  }

  /** Gives up: the temporary file goes, the target is left as it was. */
  async abort(): Promise<void> {
    this.#input.destroy();
    // The file is opened in the background: removed before that open is done, it would be made
    // again after. Wait for the stream to close (a second at most, never forever), then remove it.
    if (!this.#file.closed) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1000);
        timer.unref();
        this.#file.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        this.#file.destroy();
      });
    }
    await rm(this.#temp, { force: true });
  }

  #throwIfFailed(): void {
    if (this.#failure) throw this.#writeError(this.#failure);
  }

  #writeError(error: Error): CaptureError {
    const code = (error as NodeJS.ErrnoException).code ?? error.message;
    return new CaptureError(`cannot write ${this.path} (${code})`, 'WRITE_FAILED', { cause: error });
  }
}

/** app.heapsnapshot, app.2.heapsnapshot, app.3.heapsnapshot...: the number goes before the extensions. */
export function numbered(path: string, n: number): string {
  if (n === 1) return path;
  const name = basename(path);
  const dot = name.indexOf('.', 1);
  const stem = dot === -1 ? name : name.slice(0, dot);
  const rest = dot === -1 ? '' : name.slice(dot);
  return join(dirname(path), `${stem}.${n}${rest}`);
}

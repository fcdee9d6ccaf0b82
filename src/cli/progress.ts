import { formatBytes, type ReadProgress } from '../index.js';
import type { OutputStream } from './io.js';

const INTERVAL_MS = 200;

/** One line of progress on standard error, rewritten in place at most five times a second. */
export interface StatusLine {
  show(text: string): void;
  /** Clears the line, so what follows starts clean. */
  clear(): void;
}

/** A status line that shows only when enabled and standard error is a terminal. */
export function statusLine(stderr: OutputStream, enabled: boolean): StatusLine {
  const on = enabled && stderr.isTTY === true;
  let last = 0;
  let shown = false;
  return {
    show(text) {
      const now = Date.now();
      if (!on || now - last < INTERVAL_MS) return;
      last = now;
      stderr.write(`\r\x1b[K${text}`);
      shown = true;
    },
    clear() {
      if (shown) stderr.write('\r\x1b[K');
      shown = false;
    },
  };
}

/**
 * Progress of a long read on standard error (`reading FILE  45%  310 MiB of 690 MiB  180 MiB/s`),
 * only when standard error is a terminal; `done()` clears the line.
 */
export function progressReporter(stderr: OutputStream, label: string, enabled: boolean) {
  const started = Date.now();
  const line = statusLine(stderr, enabled);
  const onProgress = (progress: ReadProgress) => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    // Binary units, as every size heapdot prints (one formatBytes).
    const rate = `${formatBytes(progress.bytesRead / seconds)}/s`;
    const total = progress.totalBytes;
    const percent = total ? `${Math.floor((100 * progress.bytesRead) / total)}%  ` : '';
    const of = total ? ` of ${formatBytes(total)}` : '';
    line.show(`reading ${label}  ${percent}${formatBytes(progress.bytesRead)}${of}  ${rate}`);
  };
  return { onProgress, done: () => line.clear() };
}

import type { ReadProgress } from '../index.js';
import type { OutputStream } from './io.js';

const INTERVAL_MS = 200;

/**
 * Progress of a long read on standard error (`reading FILE  45%  310 MB of 690 MB  180 MB/s`),
 * only when standard error is a terminal; `done()` clears the line.
 */
export function progressReporter(stderr: OutputStream, label: string, enabled: boolean) {
  const started = Date.now();
  let last = 0;
  let shown = false;
  const onProgress = (progress: ReadProgress) => {
    if (!enabled || !stderr.isTTY) return;
    const now = Date.now();
    if (now - last < INTERVAL_MS) return;
    last = now;
    const seconds = Math.max((now - started) / 1000, 0.001);
    const rate = `${megabytes(progress.bytesRead / seconds)}/s`;
    const total = progress.totalBytes;
    const percent = total ? `${Math.floor((100 * progress.bytesRead) / total)}%  ` : '';
    const of = total ? ` of ${megabytes(total)}` : '';
    stderr.write(`\r\x1b[Kreading ${label}  ${percent}${megabytes(progress.bytesRead)}${of}  ${rate}`);
    shown = true;
  };
  const done = () => {
    if (shown) stderr.write('\r\x1b[K');
    shown = false;
  };
  return { onProgress, done };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
}

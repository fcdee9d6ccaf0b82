import { createHash } from 'node:crypto';

/** Longest part of a file name made from a class name, in bytes (ASCII): well under every file system's 255. */
const MAX_NAME_BYTES = 100;

/**
 * A class name as part of a file name, safe on every OS: only `[A-Za-z0-9._-]`, at most about 100
 * bytes. When the name had to be changed or cut, a short hash of the whole name is appended, so two
 * classes never share a file (`{a, b}` and `{a; b}` both become `_a_b_`, with different hashes).
 */
export function classFileName(className: string): string {
  const safe = className.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_');
  if (safe === className && safe.length <= MAX_NAME_BYTES && safe.length > 0) return safe;
  const hash = createHash('sha256').update(className).digest('hex').slice(0, 8);
  return `${safe.slice(0, MAX_NAME_BYTES - hash.length - 1)}-${hash}`;
}

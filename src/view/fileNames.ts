import { createHash } from 'node:crypto';

/** Longest part of a file name made from a class name, in bytes (ASCII): well under every file system's 255. */
const MAX_NAME_BYTES = 100;

/** Names Windows keeps for devices, whatever the extension (`con.dot` opens the console). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;

/**
 * A class name as part of a file name, safe on every OS: only `[A-Za-z0-9._-]`, at most about 100
 * bytes, never a leading dot (`..`, a hidden file) nor a Windows device name. When the name had to
 * be changed or cut, a short hash of the whole name is appended, so two classes never share a file
 * (`{a, b}` and `{a; b}` both become `_a_b_`, with different hashes).
 */
export function classFileName(className: string): string {
  const safe = className.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_');
  const kept = safe === className && safe.length <= MAX_NAME_BYTES && !WINDOWS_DEVICE.test(safe);
  if (kept && safe.length > 0) return safe;
  return hashed(className, safe === '' ? '_' : safe);
}

/**
 * classFileName of each class of one set of files: names that differ only in case (`Foo`, `foo`)
 * also get the hash, as they would be one file on macOS' and Windows' file systems.
 */
export function classFileNames(classNames: readonly string[]): string[] {
  const names = classNames.map(classFileName);
  const seen = new Map<string, number>();
  for (const name of names) seen.set(name.toLowerCase(), (seen.get(name.toLowerCase()) ?? 0) + 1);
  return names.map((name, index) =>
    (seen.get(name.toLowerCase()) ?? 0) > 1 ? hashed(classNames[index], name) : name,
  );
}

function hashed(className: string, safe: string): string {
  const hash = createHash('sha256').update(className).digest('hex').slice(0, 8);
  return `${safe.slice(0, MAX_NAME_BYTES - hash.length - 1)}-${hash}`;
}

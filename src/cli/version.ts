import { readFileSync } from 'node:fs';

/** heapdot's version, from its package.json (read when asked, not at import time). */
export function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

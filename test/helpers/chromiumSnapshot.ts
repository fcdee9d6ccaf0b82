import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium, openBrowserPage, writePageSnapshot } from './chromium.js';

/**
 * Writes the heap snapshot of a real page in headless Chromium, driven over the DevTools protocol:
 * the page's body is `html`, then `script` runs in it, garbage is collected and the snapshot is
 * streamed to a file. Cached by content, like shapedSnapshot.
 */
export async function chromiumSnapshot(html: string, script: string): Promise<string> {
  const chromium = findChromium();
  if (!chromium) throw new Error('no chromium on this machine: apt-get install chromium, or set CHROMIUM');
  const hash = createHash('sha256').update(html).update(script).update(chromium).digest('hex').slice(0, 16);
  const directory = join(tmpdir(), 'heapdot-test-snapshots');
  mkdirSync(directory, { recursive: true });
  const path = join(directory, `chromium-page-${hash}.heapsnapshot`);
  if (existsSync(path)) return path;
  const page = await openBrowserPage(chromium);
  try {
    await page.evaluate(`document.body.innerHTML = ${JSON.stringify(html)}; true`);
    await page.evaluate(`${script}; true`);
    await writePageSnapshot(page, path);
    return path;
  } finally {
    await page.close();
  }
}

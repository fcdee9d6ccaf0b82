import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InspectorClient } from '../../src/capture/inspectorClient.js';

/** The system's headless Chromium, as CI installs it (`apt-get install chromium`). */
export const CHROMIUM = ['chromium', 'chromium-browser', 'google-chrome']
  .flatMap((name) => ['/usr/bin', '/usr/local/bin'].map((dir) => join(dir, name)))
  .find((path) => existsSync(path));

/**
 * Writes the heap snapshot of a real page in headless Chromium, driven over the DevTools protocol:
 * the page's HTML is `html`, then `script` runs in it, garbage is collected and the snapshot is
 * streamed to a file. Cached by content, like shapedSnapshot.
 */
export async function chromiumSnapshot(html: string, script: string): Promise<string> {
  if (!CHROMIUM) throw new Error('no chromium on this machine: apt-get install chromium');
  const hash = createHash('sha256').update(html).update(script).update(CHROMIUM).digest('hex').slice(0, 16);
  const directory = join(tmpdir(), 'heapdot-test-snapshots');
  mkdirSync(directory, { recursive: true });
  const path = join(directory, `chromium-page-${hash}.heapsnapshot`);
  if (existsSync(path)) return path;
  const profile = mkdtempSync(join(tmpdir(), 'heapdot-chromium-'));
  const browser = spawn(
    CHROMIUM,
    [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  try {
    const port = await devToolsPort(browser);
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
      type: string;
      webSocketDebuggerUrl: string;
    }[];
    const page = targets.find((target) => target.type === 'page');
    if (!page) throw new Error('chromium opened no page');
    const client = await InspectorClient.connect(page.webSocketDebuggerUrl);
    await client.send('Page.enable');
    const loaded = new Promise<void>((resolve) => client.on('Page.loadEventFired', () => resolve()));
    await client.send('Page.navigate', {
      url: `data:text/html;base64,${Buffer.from(html).toString('base64')}`,
    });
    await loaded;
    await client.send('Runtime.evaluate', { expression: script, awaitPromise: true });
    await client.send('HeapProfiler.enable');
    await client.send('HeapProfiler.collectGarbage');
    const partial = `${path}.${process.pid}.tmp`;
    const file = createWriteStream(partial);
    client.on('HeapProfiler.addHeapSnapshotChunk', (params) => file.write(String(params.chunk)));
    await client.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    file.end();
    await once(file, 'close');
    renameSync(partial, path);
    await client.close();
    return path;
  } finally {
    const exited = browser.exitCode === null ? once(browser, 'exit') : Promise.resolve();
    browser.kill('SIGKILL');
    await exited;
    rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  }
}

/** Chromium prints `DevTools listening on ws://127.0.0.1:PORT/...` on stderr once it is ready. */
function devToolsPort(browser: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`chromium did not start: ${text}`)), 30_000);
    browser.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    browser.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`chromium exited (${code}): ${text}`));
    });
  });
}

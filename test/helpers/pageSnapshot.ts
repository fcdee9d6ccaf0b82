import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { type BrowserPage, findChromium, openBrowserPage, writePageSnapshot } from './chromium.js';

/** A page's files by path (`index.html`, `app.mjs`): the page loads `index.html`. */
export type PageFiles = Readonly<Record<string, string>>;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
};

/**
 * Heap snapshots of real pages served over HTTP from 127.0.0.1 (so scripts have real URLs, which
 * the user view names them by), loaded one after another in one headless Chromium: a test file
 * makes one PageSnapshots, asks for each page's snapshot, and closes it. A snapshot is cached by
 * the page's files and the script, like shapedSnapshot: a cached page starts no browser.
 */
export class PageSnapshots {
  #page: BrowserPage | undefined;
  #server: Server | undefined;
  #port = 0;
  #files = new Map<string, string>();
  #pageCount = 0;
  #queue: Promise<unknown> = Promise.resolve();

  /**
   * The snapshot of `files` loaded as a page, after `script` (if any) ran in it and garbage was
   * collected. Pages load in turn: one tab, so one heap, whatever the test runner runs at once.
   * `console` expressions are typed into the DevTools console (see #typeIntoConsole).
   */
  snapshot(files: PageFiles, script = '', console: readonly string[] = []): Promise<string> {
    const next = this.#queue.then(() => this.#take(files, script, console));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #take(files: PageFiles, script: string, console: readonly string[]): Promise<string> {
    const chromium = findChromium();
    if (!chromium) throw new Error('no chromium on this machine: apt-get install chromium, or set CHROMIUM');
    const hash = createHash('sha256')
      .update(JSON.stringify(files))
      .update(script)
      .update(JSON.stringify(console))
      .update(chromium);
    const directory = join(tmpdir(), 'heapdot-test-snapshots');
    mkdirSync(directory, { recursive: true });
    const path = join(directory, `chromium-served-${hash.digest('hex').slice(0, 16)}.heapsnapshot`);
    if (existsSync(path)) return path;
    const prefix = `/page${++this.#pageCount}/`;
    for (const [name, text] of Object.entries(files)) this.#files.set(prefix + name, text);
    const page = await this.#open(chromium);
    const origin = `http://127.0.0.1:${this.#port}`;
    const protocol = page.protocol;
    await protocol.send('Page.enable');
    const loaded = new Promise<void>((resolve) => protocol.on('Page.loadEventFired', () => resolve()));
    await protocol.send('Page.navigate', { url: `${origin}${prefix}index.html` });
    await loaded;
    // Module scripts and timers the page starts at load settle before the snapshot.
    await page.evaluate('new Promise((resolve) => setTimeout(resolve, 50))');
    if (script !== '') await page.evaluate(`${script}; true`);
    if (console.length > 0) await typeIntoConsole(page, console);
    await writePageSnapshot(page, path);
    // The next page must not find this one's heap: leave it before the next navigation.
    await protocol.send('Page.navigate', { url: 'about:blank' });
    return path;
  }

  async #open(chromium: string): Promise<BrowserPage> {
    if (this.#page !== undefined) return this.#page;
    const server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
      const text = this.#files.get(path);
      response.writeHead(text === undefined ? 404 : 200, {
        'content-type': TYPES[extname(path)] ?? 'text/plain',
        'cache-control': 'no-store',
      });
      response.end(text ?? 'not found');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    this.#server = server;
    this.#port = (server.address() as AddressInfo).port;
    // No back/forward cache: a page left behind must not stay in the heap the next one is taken of.
    this.#page = await openBrowserPage(chromium, 20_000, ['--disable-features=BackForwardCache']);
    return this.#page;
  }

  /** Closes the browser and the server; a later snapshot opens them again (each describe closes). */
  async close(): Promise<void> {
    await this.#queue;
    const page = this.#page;
    const server = this.#server;
    this.#page = undefined;
    this.#server = undefined;
    await page?.close();
    if (server !== undefined) {
      server.close();
      await once(server, 'close');
    }
  }
}

/**
 * Each expression evaluated as DevTools' console does: with the Runtime domain enabled (so what
 * `console.log` logs stays in the console's messages), the command line API, and the result kept
 * in the `console` object group (as `$_` and the console's result are).
 */
async function typeIntoConsole(page: BrowserPage, expressions: readonly string[]): Promise<void> {
  await page.protocol.send('Runtime.enable');
  for (const expression of expressions) {
    const answer = await page.protocol.send<{ exceptionDetails?: { text?: string } }>('Runtime.evaluate', {
      expression,
      objectGroup: 'console',
      includeCommandLineAPI: true,
    });
    if (answer.exceptionDetails) throw new Error(`the console threw: ${answer.exceptionDetails.text}`);
  }
}

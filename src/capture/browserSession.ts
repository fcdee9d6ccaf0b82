import type { Browser, CDPSession, Page } from 'puppeteer-core';
import { BrowserProtocol } from './browserProtocol.js';
import { type CapturedFile, streamSnapshot } from './captureProcess.js';
import { CaptureError } from './errors.js';

/** How a browser capture is getting on; the snapshot's phases are those of captureProcess. */
export interface BrowserCaptureProgress {
  phase: 'starting' | 'connecting' | 'loading' | 'step' | 'collecting' | 'snapshotting' | 'writing';
  /** What is being done: the URL being loaded, the scenario step ("action", "back 2 of 3"), the file written. */
  what: string;
  /** Objects done and total while the browser builds the snapshot; bytes while it streams. */
  done: number;
  total: number | undefined;
}

export type BrowserProgress = (progress: BrowserCaptureProgress) => void;

/**
 * Collections before each snapshot, as memlab does: one full GC leaves objects that only
 * feedback cells and other weakly kept caches held, which the next collections free.
 */
const COLLECTIONS = 6;

/** How long a page may take to load, or to settle after a scenario step. */
export const PAGE_TIMEOUT_MS = 60_000;

/** Rejects with the signal's reason once it is aborted (never settles otherwise). */
export function abortion(signal: AbortSignal | undefined): Promise<never> {
  const aborted = new Promise<never>((_, reject) => {
    if (signal?.aborted) reject(signal.reason);
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  aborted.catch(() => undefined);
  return aborted;
}

/** puppeteer's error text, first line only: its messages carry call logs on the next lines. */
export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/**
 * Starts a headless browser through puppeteer-core, which drives the executable it is given and
 * downloads nothing. heapdot handles Ctrl-C itself (the browser is closed after the snapshot
 * being written is dropped), so puppeteer's own signal handlers stay off; and a page's snapshot
 * may take longer than puppeteer's 180 s protocol timeout, so there is none.
 */
export async function launchBrowser(executable: string, aborted: Promise<never>): Promise<Browser> {
  const { default: puppeteer } = await import('puppeteer-core');
  const launching = puppeteer.launch({
    executablePath: executable,
    headless: true,
    // Chromium refuses to start as root with its sandbox on (containers, CI).
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    protocolTimeout: 0,
    timeout: 30_000,
  });
  try {
    return await Promise.race([launching, aborted]);
  } catch (error) {
    // Interrupted while starting: the browser that starts anyway is closed before heapdot ends.
    await launching.then((browser) => browser.close()).catch(() => undefined);
    if (error instanceof Error && error.name === 'AbortError') throw error;
    throw new CaptureError(`cannot start the browser ${executable} (${firstLine(error)})`, 'BROWSER_FAILED', {
      cause: error,
    });
  }
}

/** Loads `url` in `page` and waits until the network has been quiet for half a second. */
export async function loadPage(page: Page, url: string, aborted: Promise<never>): Promise<void> {
  let response: Awaited<ReturnType<Page['goto']>>;
  try {
    response = await Promise.race([
      page.goto(url, { waitUntil: 'networkidle0', timeout: PAGE_TIMEOUT_MS }),
      aborted,
    ]);
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error;
    throw new CaptureError(`cannot load ${url} (${firstLine(error)})`, 'BROWSER_FAILED', { cause: error });
  }
  if (response && response.status() >= 400)
    throw new CaptureError(`${url} answered ${response.status()} ${response.statusText()}`, 'BROWSER_FAILED');
}

/**
 * Heap snapshots of one page through one DevTools session: the browser numbers objects per
 * HeapProfiler session, so snapshots taken through one session compare by id (for `leaks`).
 */
export class PageSnapshots {
  readonly #session: CDPSession;
  readonly #protocol: BrowserProtocol;

  private constructor(session: CDPSession) {
    this.#session = session;
    this.#protocol = new BrowserProtocol(session);
  }

  static async open(page: Page): Promise<PageSnapshots> {
    const session = await page.createCDPSession();
    const snapshots = new PageSnapshots(session);
    await snapshots.#protocol.send('HeapProfiler.enable');
    return snapshots;
  }

  /** Collects garbage, then streams one snapshot to `path` (gzip if it ends in `.gz`), whole or not at all. */
  async take(path: string, aborted: Promise<never>, progress: BrowserProgress): Promise<CapturedFile> {
    progress({ phase: 'collecting', what: path, done: 0, total: undefined });
    for (let i = 0; i < COLLECTIONS; i++)
      await Promise.race([this.#protocol.send('HeapProfiler.collectGarbage'), aborted]);
    return streamSnapshot(this.#protocol, path, aborted, (phase, done, total) =>
      progress({ phase, what: path, done, total }),
    );
  }

  /** Ends the session (the browser forgets the ids it gave); the page stays as it is. */
  async close(): Promise<void> {
    this.#protocol.dispose();
    await this.#session.detach().catch(() => undefined);
  }
}

import type { Browser, Page } from 'puppeteer-core';
import { type BrowserExecutableOptions, findBrowserExecutable } from './browserExecutable.js';
import {
  abortion,
  type BrowserProgress,
  firstLine,
  launchBrowser,
  loadPage,
  PageSnapshots,
} from './browserSession.js';
import type { CapturedFile } from './captureProcess.js';
import { CaptureError } from './errors.js';

export interface PageCaptureOptions extends BrowserExecutableOptions {
  onProgress?: BrowserProgress;
  signal?: AbortSignal;
}

export interface PageCaptureResult {
  file: CapturedFile;
  /** The browser that took it: its executable (started by heapdot) or port (attached to), and its version. */
  browser: string;
  version: string;
  /** The page's URL when the snapshot was taken. */
  url: string;
}

/**
 * Snapshots a web page: starts the system's headless Chromium (findBrowserExecutable), loads
 * `url`, waits for the network to go quiet, collects garbage and streams the snapshot to `path`.
 * The browser is closed afterwards, also after an interrupt or a failure (then no file is left).
 */
export async function capturePage(
  url: string,
  path: string,
  options: PageCaptureOptions = {},
): Promise<PageCaptureResult> {
  const executable = findBrowserExecutable(options);
  const progress: BrowserProgress = options.onProgress ?? (() => undefined);
  const aborted = abortion(options.signal);
  progress({ phase: 'starting', what: executable, done: 0, total: undefined });
  const browser = await launchBrowser(executable, aborted);
  try {
    const page = await firstPage(browser);
    progress({ phase: 'loading', what: url, done: 0, total: undefined });
    await loadPage(page, url, aborted);
    const snapshots = await PageSnapshots.open(page);
    const file = await snapshots.take(path, aborted, progress);
    return { file, browser: executable, version: await browser.version(), url: page.url() };
  } finally {
    await browser.close().catch(() => undefined);
  }
}

/** The blank page a new browser opens with, or a new one. */
export async function firstPage(browser: Browser): Promise<Page> {
  return (await browser.pages())[0] ?? (await browser.newPage());
}

export interface AttachedCaptureOptions {
  /** Text the page's URL or title contains (either case); none: the browser's only page. */
  page?: string;
  onProgress?: BrowserProgress;
  signal?: AbortSignal;
}

/** A page of the browser, as listed when --page does not pick exactly one. */
export interface PageListing {
  url: string;
  title: string;
}

/** --page matched no page or several: the pages are in `pages`, for the CLI to list. */
export class PageChoiceError extends CaptureError {
  override name = 'PageChoiceError';
  readonly pages: PageListing[];

  constructor(message: string, pages: PageListing[]) {
    super(message, 'NO_SUCH_PAGE');
    this.pages = pages;
  }
}

/**
 * Snapshots a page of a browser that runs already (Chrome, Edge, Electron started with
 * --remote-debugging-port=PORT), chosen by `page`, through the DevTools port on 127.0.0.1; then
 * disconnects and leaves the browser and its pages running.
 */
export async function captureAttachedPage(
  port: number,
  path: string,
  options: AttachedCaptureOptions = {},
): Promise<PageCaptureResult> {
  const progress: BrowserProgress = options.onProgress ?? (() => undefined);
  const aborted = abortion(options.signal);
  const address = `127.0.0.1:${port}`;
  progress({ phase: 'connecting', what: address, done: 0, total: undefined });
  const browser = await connect(address, aborted);
  try {
    const pages = await Promise.race([listPages(browser), aborted]);
    const chosen = choosePage(pages, options.page, port);
    const snapshots = await PageSnapshots.open(chosen.page);
    try {
      const file = await snapshots.take(path, aborted, progress);
      return { file, browser: address, version: await browser.version(), url: chosen.url };
    } finally {
      await snapshots.close();
    }
  } finally {
    await browser.disconnect().catch(() => undefined);
  }
}

async function connect(address: string, aborted: Promise<never>): Promise<Browser> {
  const { default: puppeteer } = await import('puppeteer-core');
  const connecting = puppeteer.connect({
    browserURL: `http://${address}`,
    protocolTimeout: 0,
    defaultViewport: null,
  });
  try {
    return await Promise.race([connecting, aborted]);
  } catch (error) {
    await connecting.then((browser) => browser.disconnect()).catch(() => undefined);
    if (error instanceof Error && error.name === 'AbortError') throw error;
    throw new CaptureError(
      `no browser answers on ${address} (${firstLine(error)}): start it with --remote-debugging-port=${address.split(':')[1]}`,
      'BROWSER_FAILED',
      { cause: error },
    );
  }
}

async function listPages(browser: Browser): Promise<(PageListing & { page: Page })[]> {
  const pages = await browser.pages();
  // A page that cannot say its title (busy, crashed) is listed by its URL alone.
  return Promise.all(
    pages.map(async (page) => ({ page, url: page.url(), title: await page.title().catch(() => '') })),
  );
}

/** The one page whose URL or title contains `text`, ignoring case; no text: the only page. */
function choosePage<T extends PageListing>(pages: T[], text: string | undefined, port: number): T {
  const browser = `the browser on port ${port}`;
  const wanted = text?.toLowerCase();
  const matching =
    wanted === undefined
      ? pages
      : pages.filter(
          (page) => page.url.toLowerCase().includes(wanted) || page.title.toLowerCase().includes(wanted),
        );
  if (matching.length === 1) return matching[0];
  const listed = pages.map(({ url, title }) => ({ url, title }));
  if (pages.length === 0) throw new PageChoiceError(`${browser} has no page open`, listed);
  if (wanted === undefined)
    throw new PageChoiceError(
      `${browser} has ${pages.length} pages: choose one with --page TEXT, a part of its URL or title (listed above)`,
      listed,
    );
  if (matching.length === 0)
    throw new PageChoiceError(
      `no page of ${browser} has "${text}" in its URL or title (its pages are listed above)`,
      listed,
    );
  throw new PageChoiceError(
    `${matching.length} pages of ${browser} have "${text}" in their URL or title: give a --page TEXT that only one of them contains (listed above)`,
    matching.map(({ url, title }) => ({ url, title })),
  );
}

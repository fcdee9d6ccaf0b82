import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { firstPage, type PageCaptureOptions } from './browserCapture.js';
import { findBrowserExecutable } from './browserExecutable.js';
import {
  abortion,
  type BrowserProgress,
  firstLine,
  launchBrowser,
  loadPage,
  PAGE_TIMEOUT_MS,
  PageSnapshots,
} from './browserSession.js';
import type { CapturedFile } from './captureProcess.js';
import { CaptureError } from './errors.js';
import type { Scenario } from './scenario.js';

/** memlab's names for the three snapshots of a run (its data/cur folder), which its own commands read back. */
export const SCENARIO_SNAPSHOTS = {
  baseline: 's1.heapsnapshot',
  target: 's2.heapsnapshot',
  final: 's3.heapsnapshot',
} as const;

export interface ScenarioCaptureOptions extends PageCaptureOptions {
  /** The page to load instead of the scenario's url(). */
  url?: string;
  /** The scenario's file, to name it in errors. @default "the scenario" */
  name?: string;
  /**
   * Rounds of action and back before the baseline snapshot (memlab takes none). Without one, what
   * the page makes once, on first use (prototypes and wrappers of element types, style caches,
   * compiled code), is allocated between baseline and target and alive in final: it would be
   * listed as leaked, above the real leaks. @default 1
   */
  warmUp?: number;
}

export interface ScenarioCaptureResult {
  baseline: CapturedFile;
  target: CapturedFile;
  final: CapturedFile;
  browser: string;
  version: string;
  url: string;
}

/** How often isPageLoaded is asked. */
const POLL_MS = 100;

/**
 * Runs a memlab scenario in the system's headless Chromium as memlab runs it: load url() (after
 * cookies() and beforeInitialPageLoad), setup, `warmUp` rounds of action and back (heapdot's
 * addition, see the option), the baseline snapshot; repeat() rounds of action and back; action and the target snapshot; back and the final snapshot. Each step is followed by
 * a wait for the page to settle (isPageLoaded, else a quiet network) and each snapshot by six
 * garbage collections. The three snapshots go to `folder` under memlab's names (s1, s2, s3), all
 * through one DevTools session so that `heapdot leaks` can compare their ids.
 */
export async function captureScenario(
  scenario: Scenario,
  folder: string,
  options: ScenarioCaptureOptions = {},
): Promise<ScenarioCaptureResult> {
  const executable = findBrowserExecutable(options);
  const name = options.name ?? 'the scenario';
  const progress: BrowserProgress = options.onProgress ?? (() => undefined);
  const aborted = abortion(options.signal);
  const url = options.url ?? call(name, 'url', () => scenario.url());
  const warmUp = options.warmUp ?? 1;
  const rounds = scenario.repeat ? call(name, 'repeat', () => scenario.repeat?.() ?? 0) : 0;
  await mkdir(folder, { recursive: true });
  progress({ phase: 'starting', what: executable, done: 0, total: undefined });
  const browser = await launchBrowser(executable, aborted);
  try {
    const page = await firstPage(browser);
    const step = async (what: string, run: () => Promise<unknown>) => {
      progress({ phase: 'step', what, done: 0, total: undefined });
      try {
        await Promise.race([run(), aborted]);
        await Promise.race([settle(page, scenario), aborted]);
      } catch (error) {
        if (error instanceof Error && error.name === 'AbortError') throw error;
        throw new CaptureError(`scenario ${name}: ${what} failed (${firstLine(error)})`, 'SCENARIO_FAILED', {
          cause: error,
        });
      }
    };
    const cookies = scenario.cookies ? call(name, 'cookies', () => scenario.cookies?.() ?? []) : [];
    if (cookies.length > 0) await step('cookies', () => browser.setCookie(...cookies));
    if (scenario.beforeInitialPageLoad)
      await step('beforeInitialPageLoad', () => scenario.beforeInitialPageLoad?.(page) ?? Promise.resolve());
    progress({ phase: 'loading', what: url, done: 0, total: undefined });
    await loadPage(page, url, aborted);
    if (scenario.setup) await step('setup', () => scenario.setup?.(page) ?? Promise.resolve());
    const snapshots = await PageSnapshots.open(page);
    try {
      const take = (file: string) => snapshots.take(join(folder, file), aborted, progress);
      for (let round = 1; round <= warmUp; round++) {
        const of = warmUp > 1 ? ` ${round} of ${warmUp}` : '';
        await step(`warm-up action${of}`, () => scenario.action(page));
        await step(`warm-up back${of}`, () => scenario.back(page));
      }
      const baseline = await take(SCENARIO_SNAPSHOTS.baseline);
      for (let round = 1; round <= rounds; round++) {
        const of = ` ${round} of ${rounds + 1}`;
        await step(`action${of}`, () => scenario.action(page));
        await step(`back${of}`, () => scenario.back(page));
      }
      const last = rounds > 0 ? ` ${rounds + 1} of ${rounds + 1}` : '';
      await step(`action${last}`, () => scenario.action(page));
      const target = await take(SCENARIO_SNAPSHOTS.target);
      await step(`back${last}`, () => scenario.back(page));
      const final = await take(SCENARIO_SNAPSHOTS.final);
      return { baseline, target, final, browser: executable, version: await browser.version(), url };
    } finally {
      await snapshots.close();
    }
  } finally {
    await browser.close().catch(() => undefined);
  }
}

/** Calls one of the scenario's plain functions; one that throws is the scenario's fault. */
function call<T>(name: string, what: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new CaptureError(`scenario ${name}: ${what}() failed (${firstLine(error)})`, 'SCENARIO_FAILED', {
      cause: error,
    });
  }
}

/** Waits until the page has settled after a step: isPageLoaded says so, or the network is quiet. */
async function settle(page: Page, scenario: Scenario): Promise<void> {
  const isPageLoaded = scenario.isPageLoaded;
  if (!isPageLoaded) {
    await page.waitForNetworkIdle({ idleTime: 500, timeout: PAGE_TIMEOUT_MS });
    return;
  }
  const until = Date.now() + PAGE_TIMEOUT_MS;
  while (!(await isPageLoaded(page))) {
    if (Date.now() > until) throw new Error(`isPageLoaded() still says no after ${PAGE_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

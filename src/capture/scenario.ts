import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CookieData, Page } from 'puppeteer-core';
import { CaptureError } from './errors.js';

/**
 * A memlab scenario (memlab's IScenario, https://facebook.github.io/memlab/docs/api/interfaces/core_src.IScenario),
 * as its files define it: the page to load and the steps to take in it, each given puppeteer's Page.
 */
export interface Scenario {
  url(): string;
  action(page: Page): Promise<void>;
  back(page: Page): Promise<void>;
  /** After the first load, before the baseline snapshot (a login, say). */
  setup?(page: Page): Promise<void>;
  /** Extra rounds of action and back before the one that is measured. @default 0 */
  repeat?(): number;
  cookies?(): CookieData[];
  beforeInitialPageLoad?(page: Page): Promise<void>;
  /** Whether the page has settled after a load or step; polled. @default the network is quiet */
  isPageLoaded?(page: Page): Promise<boolean>;
}

/** Functions memlab's scenarios may have that heapdot accepts but does not call: they take memlab's heap objects. */
export const MEMLAB_ONLY = ['leakFilter', 'beforeLeakFilter', 'retainerReferenceFilter'] as const;

/** What a scenario file gives heapdot, and what it has that only memlab uses. */
export interface LoadedScenario {
  scenario: Scenario;
  memlabOnly: string[];
}

const OPTIONAL = [
  'setup',
  'repeat',
  'cookies',
  'beforeInitialPageLoad',
  'isPageLoaded',
  'name',
  ...MEMLAB_ONLY,
];

/**
 * Loads a scenario file as memlab does (its checkScenarioInstance rules), so one file serves
 * both: `module.exports = {url, action, back}` (a .js or .cjs file), `export default {...}`, or
 * named exports (`export function url()` in a .mjs file). `url` must be a function, and so
 * must every other field it has; heapdot also needs `action` and `back`, without which there is
 * no leak to find.
 */
export async function loadScenario(file: string): Promise<LoadedScenario> {
  const path = resolve(file);
  const found = await stat(path).catch(() => undefined);
  if (!found?.isFile()) throw fault(file, 'no such file');
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    throw fault(
      file,
      `it does not load (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
    );
  }
  const exported = module.default;
  const fields =
    typeof exported === 'object' &&
    exported !== null &&
    typeof (exported as { url?: unknown }).url === 'function'
      ? (exported as Record<string, unknown>)
      : module;
  for (const name of ['url', 'action', 'back']) {
    if (typeof fields[name] !== 'function')
      throw fault(file, `it has no ${name}() (a scenario exports url, action and back, as memlab's do)`);
  }
  for (const name of OPTIONAL) {
    if (fields[name] !== undefined && typeof fields[name] !== 'function')
      throw fault(file, `its ${name} is not a function`);
  }
  return {
    scenario: fields as unknown as Scenario,
    memlabOnly: MEMLAB_ONLY.filter((name) => fields[name] !== undefined),
  };
}

function fault(file: string, what: string): CaptureError {
  return new CaptureError(`scenario ${file}: ${what}`, 'SCENARIO_FAILED');
}

import { sep } from 'node:path';
import { findOnPath } from '../output/findDot.js';
import { CaptureError } from './errors.js';

/** The names a Chromium-based browser goes by on PATH, in the order they are tried. */
const BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export interface BrowserExecutableOptions {
  /** A browser named by the user (`--browser`): used as it is. */
  browser?: string;
  /** The environment to read CHROME_PATH and PATH from. @default process.env */
  env?: Record<string, string | undefined>;
}

/**
 * The browser heapdot starts: `browser` when given, else CHROME_PATH, else the first of
 * chromium, chromium-browser, google-chrome on PATH. heapdot never downloads one (memlab's
 * puppeteer does, which fails on machines that cannot fetch it): none found is a one-line error
 * that says how to get one.
 */
export function findBrowserExecutable(options: BrowserExecutableOptions = {}): string {
  const env = options.env ?? process.env;
  const named = options.browser ?? (env.CHROME_PATH || undefined);
  // A bare name (--browser chromium) is looked up on PATH, as a shell would; puppeteer takes paths.
  if (named !== undefined) return named.includes(sep) ? named : (findOnPath([named], env.PATH) ?? named);
  const found = findOnPath(BROWSER_NAMES, env.PATH);
  if (found !== undefined) return found;
  throw new CaptureError(
    'no Chromium or Chrome found (looked for chromium, chromium-browser and google-chrome on PATH, and CHROME_PATH): install one (apt-get install chromium, brew install --cask chromium) or give --browser PATH',
    'NO_BROWSER',
  );
}

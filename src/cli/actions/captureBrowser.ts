import {
  type BrowserCaptureProgress,
  captureAttachedPage,
  capturePage,
  captureScenario,
  formatBytes,
  leaksRenderers,
  leaksView,
  loadScenario,
  PageChoiceError,
  planFolder,
  SCENARIO_SNAPSHOTS,
} from '../../index.js';
import { emit, planOutputs } from '../emit.js';
import { UsageError } from '../errors.js';
import type { CliIO } from '../io.js';
import { statusLine } from '../progress.js';
import { readLeaks } from '../readLeaks.js';
import { type CaptureCliOptions, outputPath, snapshotText } from './capture.js';

/** Options only a browser capture takes, by the flag that names them. */
const BROWSER_ONLY = {
  url: '--url',
  scenario: '--scenario',
  outDir: '--out-dir',
  browser: '--browser',
  page: '--page',
};
/** Options only a Node capture takes. */
const NODE_ONLY = {
  pid: '--pid',
  count: '--count',
  every: '--every',
  after: '--after',
  trackAllocations: '--track-allocations',
  keepRunning: '--keep-running',
};

/**
 * Whether this is a browser capture (--url, --scenario, or --port without --pid or a command), with
 * the options that go together checked; false, with no browser option given, for a Node capture.
 */
export function checkBrowserUsage(command: string[], options: CaptureCliOptions): boolean {
  const starts = options.url !== undefined || options.scenario !== undefined;
  const attaches = !starts && options.port !== undefined && options.pid === undefined && command.length === 0;
  const given = (flags: Record<string, string>) =>
    Object.entries(flags).find(([key]) => options[key as keyof CaptureCliOptions] !== undefined)?.[1];
  if (!starts && !attaches) {
    const browserOnly = given(BROWSER_ONLY);
    if (browserOnly) throw new UsageError(`${browserOnly} is for a browser page (--url URL or --port PORT)`);
    return false;
  }
  const nodeOnly = given(NODE_ONLY) ?? (command.length > 0 ? 'a command after --' : undefined);
  if (nodeOnly) throw new UsageError(`${nodeOnly} is for a Node process, not a browser page`);
  if (starts && options.port !== undefined)
    throw new UsageError('--port attaches to a browser that runs already; --url and --scenario start one');
  if (attaches && options.browser !== undefined)
    throw new UsageError('--browser starts a browser (with --url); with --port it runs already');
  if (starts && options.page !== undefined) throw new UsageError('--page chooses among the pages of --port');
  if (options.scenario === undefined && options.outDir !== undefined)
    throw new UsageError('--out-dir goes with --scenario');
  if (options.scenario === undefined && options.warmUp !== undefined)
    throw new UsageError('--warm-up goes with --scenario');
  if (options.scenario !== undefined && options.outDir === undefined)
    throw new UsageError(
      '--scenario needs --out-dir DIR: its three snapshots go there (s1, s2 and s3.heapsnapshot)',
    );
  if (options.scenario !== undefined && options.output !== undefined)
    throw new UsageError('--scenario writes three snapshots into --out-dir, not one -o FILE');
  return true;
}

/** `capture --url`, `--scenario` or `--port`, once checkBrowserUsage has said it is one. */
export async function captureBrowser(io: CliIO, options: CaptureCliOptions): Promise<void> {
  if (options.scenario !== undefined) await scenarioAction(io, options.scenario, options);
  else await pageAction(io, options);
}

async function pageAction(io: CliIO, options: CaptureCliOptions): Promise<void> {
  const path = await outputPath(options, 'page');
  const status = statusLine(io.stderr, options.progress && !options.quiet);
  const progress = { signal: io.signal, onProgress: (p: BrowserCaptureProgress) => status.show(describe(p)) };
  try {
    if (options.url !== undefined) {
      const result = await capturePage(options.url, path, {
        ...progress,
        browser: options.browser,
        env: io.env,
      });
      status.clear();
      if (!options.quiet)
        io.stderr.write(
          `wrote ${path} (${formatBytes(result.file.bytes)} of snapshot) of ${result.url} in ${result.version}; the browser was closed\n`,
        );
      return;
    }
    const port = options.port as number;
    const result = await captureAttachedPage(port, path, { ...progress, page: options.page });
    status.clear();
    if (!options.quiet)
      io.stderr.write(
        `wrote ${path} (${formatBytes(result.file.bytes)} of snapshot) of ${result.url} through ${result.version} on port ${port}; it is still running\n`,
      );
  } catch (error) {
    status.clear();
    // The pages to choose from, one a line, above the one-line error that points at them.
    if (error instanceof PageChoiceError)
      for (const page of error.pages)
        io.stderr.write(`  ${page.url}${page.title ? `  "${page.title}"` : ''}\n`);
    throw error;
  } finally {
    status.clear();
  }
}

async function scenarioAction(io: CliIO, file: string, options: CaptureCliOptions): Promise<void> {
  const folder = options.outDir as string;
  const names = Object.values(SCENARIO_SNAPSHOTS);
  await planFolder(folder, { names });
  const { scenario, memlabOnly } = await loadScenario(file);
  if (memlabOnly.length > 0 && !options.quiet)
    io.stderr.write(
      `heapdot: ${file}: ${memlabOnly.join(', ')} ${memlabOnly.length > 1 ? 'are' : 'is'} memlab's (given memlab's heap objects), not called: heapdot lists every leak\n`,
    );
  const status = statusLine(io.stderr, options.progress && !options.quiet);
  let result: Awaited<ReturnType<typeof captureScenario>>;
  try {
    result = await captureScenario(scenario, folder, {
      url: options.url,
      name: file,
      warmUp: options.warmUp,
      browser: options.browser,
      env: io.env,
      signal: io.signal,
      onProgress: (progress) => status.show(describe(progress)),
    });
  } finally {
    status.clear();
  }
  const series = { baseline: result.baseline.path, target: result.target.path, final: result.final.path };
  if (!options.quiet) {
    for (const [step, captured] of Object.entries(series))
      io.stderr.write(
        `wrote ${captured} (${step}, ${formatBytes(result[step as keyof typeof series].bytes)} of snapshot)\n`,
      );
    io.stderr.write(`${result.url} in ${result.version}; the leaks, as 'heapdot leaks' finds them:\n`);
    io.stderr.write(
      `  heapdot leaks ${[series.baseline, series.target, series.final].map(shellWord).join(' ')}\n`,
    );
  }
  const destinations = await planOutputs({}, ['text'], []);
  const view = leaksView(await readLeaks(io, series, options), series, { top: 10 });
  await emit(io, destinations, leaksRenderers(view), options.quiet);
}

function describe(progress: BrowserCaptureProgress): string {
  const { phase, what } = progress;
  if (phase === 'starting') return `starting ${what}`;
  if (phase === 'connecting') return `connecting to the browser on ${what}`;
  if (phase === 'loading') return `loading ${what}`;
  if (phase === 'step') return `scenario: ${what}`;
  if (phase === 'collecting') return `${what}: collecting garbage`;
  return `${what}: ${snapshotText(phase, progress.done, progress.total)}`;
}

/** A path as a shell reads it back: as it is when it has no special characters, else in single quotes. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InspectorClient } from '../../src/capture/inspectorClient.js';

/** A headless Chromium and one blank page of it, driven over the DevTools protocol. */
export interface BrowserPage {
  /** Evaluates `expression` in the page (awaiting a promise) and returns its value as JSON. */
  evaluate<T>(expression: string): Promise<T>;
  /** The page's own protocol connection, for commands and events beyond evaluate. */
  protocol: InspectorClient;
  close(): Promise<void>;
}

/** The Chromium to use: `$CHROMIUM`, or `chromium` (Debian), `chromium-browser` or `google-chrome` that runs. */
export function findChromium(): string | undefined {
  const names = [process.env.CHROMIUM, 'chromium', 'chromium-browser', 'google-chrome'];
  return names.find(
    (name) =>
      name !== undefined && spawnSync(name, ['--version'], { stdio: 'ignore', timeout: 10_000 }).status === 0,
  );
}

/** The `ws://` address Chromium prints on standard error once its DevTools server listens. */
export function devtoolsAddress(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(
      () => reject(new Error(`chromium did not start in ${timeoutMs} ms: ${text}`)),
      timeoutMs,
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`chromium exited (${code}): ${text}`));
    });
  });
}

/** Starts headless Chromium with a throw-away profile and opens a blank page in it. */
export async function openBrowserPage(
  executable: string,
  timeoutMs = 20_000,
  extraArguments: readonly string[] = [],
): Promise<BrowserPage> {
  const profile = mkdtempSync(join(tmpdir(), 'heapdot-chromium-'));
  const child = spawn(
    executable,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      ...extraArguments,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const cleanUp = async () => {
    child.kill('SIGKILL');
    await exited;
    // Chromium's helper processes outlive the browser by a moment, still writing to the profile.
    rmSync(profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 });
  };
  try {
    const browserAddress = new URL(await devtoolsAddress(child, timeoutMs));
    const list = await fetch(`http://${browserAddress.host}/json/list`);
    const pages = (await list.json()) as { type: string; webSocketDebuggerUrl: string }[];
    const page = pages.find((target) => target.type === 'page');
    if (page === undefined) throw new Error('chromium opened no page');
    const client = await InspectorClient.connect(page.webSocketDebuggerUrl, timeoutMs);
    return {
      protocol: client,
      async evaluate<T>(expression: string): Promise<T> {
        const answer = await client.send<{
          result: { value?: T };
          exceptionDetails?: { exception?: { description?: string }; text?: string };
        }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
        if (answer.exceptionDetails) {
          const details = answer.exceptionDetails;
          throw new Error(details.exception?.description ?? details.text ?? 'the page threw');
        }
        return answer.result.value as T;
      },
      async close() {
        await client.close();
        await cleanUp();
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/**
 * Collects the page's garbage and streams its heap snapshot to `path`, whole or not at all (written
 * aside, then renamed).
 */
export async function writePageSnapshot(page: BrowserPage, path: string): Promise<void> {
  const protocol = page.protocol;
  await protocol.send('HeapProfiler.enable');
  await protocol.send('HeapProfiler.collectGarbage');
  const partial = `${path}.${process.pid}.tmp`;
  const file = createWriteStream(partial);
  protocol.on('HeapProfiler.addHeapSnapshotChunk', (params) => file.write(String(params.chunk)));
  await protocol.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  file.end();
  await once(file, 'close');
  renameSync(partial, path);
}

import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { devtoolsAddress, findChromium } from '../helpers/chromium.js';
import { BIN, heapdot, heapdotProcess } from '../helpers/cli.js';
import { fixturePath } from '../helpers/snapshots.js';

// `heapdot capture` of web pages, with the system's headless Chromium and pages served on
// 127.0.0.1 by this test: --url, a memlab scenario (--scenario), and --port to a running browser.

const CHROMIUM = findChromium();
const PAGES = fixturePath('pages');
const SCENARIO = join(PAGES, 'modal-scenario.cjs');

interface FoundJson {
  id: number;
  className: string;
}

interface LeaksJson {
  leaked: number;
  groups: { className: string; accessPath: string; count: number }[];
}

const dirs: string[] = [];
const children: ChildProcess[] = [];
let server: Server | undefined;
let origin = '';
/** Requests for /never, left unanswered: a page that asks for it never goes quiet. */
const unanswered: ServerResponse[] = [];
/** Resolved when the browser asks for /hanging.html. */
let hangingAsked: () => void = () => undefined;
const hanging = new Promise<void>((resolve) => {
  hangingAsked = resolve;
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'heapdot-browser-'));
  dirs.push(dir);
  return dir;
}

/** Serves test/fixtures/pages on 127.0.0.1, on a port of the system's choosing. */
async function servePages(): Promise<string> {
  server = createServer((request, response) => {
    const name = new URL(request.url ?? '/', 'http://localhost').pathname.slice(1);
    if (name === 'never') {
      unanswered.push(response);
      return;
    }
    if (name === 'hanging.html') {
      hangingAsked();
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<title>Hanging</title><img src="/never">');
      return;
    }
    if (!/^[\w-]+\.html$/.test(name) || !existsSync(join(PAGES, name))) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': extname(name) === '.html' ? 'text/html' : 'text/plain' });
    response.end(readFileSync(join(PAGES, name)));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The built binary, run without blocking this process (whose server the browser loads pages from). */
async function heapdotChild(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', ...env } });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

before(async () => {
  if (CHROMIUM) origin = await servePages();
});

after(async () => {
  for (const response of unanswered) response.destroy();
  server?.close();
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  for (const child of running) child.kill('SIGKILL');
  await Promise.all(running.map((child) => once(child, 'exit')));
  // Chromium's helper processes outlive the browser by a moment and still write to its profile
  // folder: retry while they finish (ENOTEMPTY is one of the errors rmSync retries).
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 });
});

describe('capture of a browser page: options that do not go together (exit 2, one line)', () => {
  for (const [args, message] of [
    [['--url', 'http://x/', '--pid', '1'], '--pid is for a Node process, not a browser page'],
    [
      ['--url', 'http://x/', '--', 'node', 'app.js'],
      'a command after -- is for a Node process, not a browser page',
    ],
    [
      ['--url', 'http://x/', '--port', '9222'],
      '--port attaches to a browser that runs already; --url and --scenario start one',
    ],
    [
      ['--port', '9222', '--browser', 'chromium'],
      '--browser starts a browser (with --url); with --port it runs already',
    ],
    [['--url', 'http://x/', '--page', 'inbox'], '--page chooses among the pages of --port'],
    [['--pid', '1', '--page', 'inbox'], '--page is for a browser page (--url URL or --port PORT)'],
    [
      ['--scenario', 'steps.mjs'],
      '--scenario needs --out-dir DIR: its three snapshots go there (s1, s2 and s3.heapsnapshot)',
    ],
    [['--url', 'http://x/', '--out-dir', 'run'], '--out-dir goes with --scenario'],
    [
      ['--scenario', 'steps.mjs', '--out-dir', 'run', '-o', 'x.heapsnapshot'],
      '--scenario writes three snapshots into --out-dir, not one -o FILE',
    ],
    [['--scenario', 'no-such-steps.mjs', '--out-dir', 'run'], 'scenario no-such-steps.mjs: no such file'],
    [
      ['--scenario', join(PAGES, 'modal.html'), '--out-dir', 'run'],
      /^scenario .*modal\.html: it does not load /,
    ],
  ] as const) {
    it(args.join(' '), async () => {
      const run = await heapdot(['capture', ...args], { env: { PATH: '' } });
      assert.equal(run.code, 2);
      const line = run.stderr.replace(/^heapdot: /, '').replace(/\n$/, '');
      if (typeof message === 'string') assert.equal(line, message);
      else assert.match(line, message);
    });
  }
});

describe('capture --url', () => {
  it('with no browser to be found, says how to install one in one line (exit 2), and writes nothing', () => {
    const dir = tempDir();
    const env: NodeJS.ProcessEnv = { NO_COLOR: '1', PATH: '', HOME: process.env.HOME };
    const run = heapdotProcess(
      ['capture', '--url', 'http://127.0.0.1:9/', '-o', join(dir, 'page.heapsnapshot')],
      {
        env,
      },
    );
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /^heapdot: no Chromium or Chrome found \(.*\): install one \(apt-get install chromium.*\) or give --browser PATH\n$/,
    );
    assert.deepEqual(readdirSync(dir), []);
  });

  it('writes a snapshot of the page that heapdot reads, holding the objects its script made, with progress', {
    skip: CHROMIUM ? false : 'no Chromium on this machine (apt-get install chromium, or set CHROMIUM)',
  }, async () => {
    const dir = tempDir();
    const path = join(dir, 'page.heapsnapshot');
    const url = `${origin}/made-object.html`;
    const run = await heapdot(['capture', '--url', url, '--browser', CHROMIUM as string, '-o', path], {
      env: { PATH: process.env.PATH ?? '' },
      tty: true,
    });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    // The status line, rewritten in place, then the summary.
    assert.ok(run.stderr.includes('\r\x1b[Kstarting '), run.stderr);
    assert.ok(run.stderr.includes(`\r\x1b[Kloading ${url}`), run.stderr);
    assert.match(
      run.stderr,
      /wrote .*page\.heapsnapshot \([\d.]+ [KM]iB of snapshot\) of http:\/\/127\.0\.0\.1:\d+\/made-object\.html in \S*Chrome\/[\d.]+; the browser was closed\n$/,
    );
    assert.deepEqual(readdirSync(dir), ['page.heapsnapshot']);
    const found = await heapdot(['find', path, 'PageMadeWidget', '--format', 'json', '--no-progress']);
    assert.equal(found.code, 0, found.stderr);
    const widgets = JSON.parse(found.stdout) as FoundJson[];
    assert.equal(widgets.length, 3);
    const chain = await heapdot(['chain', path, 'PageMadeWidget', '--no-progress']);
    assert.equal(chain.code, 0, chain.stderr);
    assert.match(chain.stdout, /widgets\[\d\]/);
  });
});

describe('capture --url, interrupted', {
  skip: CHROMIUM ? false : 'no Chromium on this machine (apt-get install chromium, or set CHROMIUM)',
}, () => {
  it('on SIGTERM while the page loads, closes the browser and leaves no file (exit 143)', async () => {
    const dir = tempDir();
    const running = heapdotChild([
      'capture',
      '--url',
      `${origin}/hanging.html`,
      '--browser',
      CHROMIUM as string,
      '-o',
      join(dir, 'page.heapsnapshot'),
    ]);
    await hanging;
    const child = children[children.length - 1];
    child.kill('SIGTERM');
    const run = await running;
    assert.equal(run.code, 143, run.stderr);
    assert.equal(run.stderr, 'heapdot: interrupted\n');
    assert.deepEqual(readdirSync(dir), []);
  });
});

describe('capture --scenario', {
  skip: CHROMIUM ? false : 'no Chromium on this machine (apt-get install chromium, or set CHROMIUM)',
}, () => {
  it('runs a memlab scenario file: three snapshots, and the leaked modal elements with their holder', async () => {
    const dir = tempDir();
    const run = await heapdotChild(
      ['capture', '--scenario', SCENARIO, '--out-dir', dir, '--browser', CHROMIUM as string],
      { HEAPDOT_PAGE_URL: `${origin}/modal.html` },
    );
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(readdirSync(dir).sort(), ['s1.heapsnapshot', 's2.heapsnapshot', 's3.heapsnapshot']);
    // memlab's leakFilter is accepted and said to be memlab's; the re-run command names the three files.
    assert.match(run.stderr, /modal-scenario\.cjs: leakFilter is memlab's/);
    const [s1, s2, s3] = ['s1', 's2', 's3'].map((name) => join(dir, `${name}.heapsnapshot`));
    assert.ok(run.stderr.includes(`  heapdot leaks ${s1} ${s2} ${s3}\n`), run.stderr);
    // What heapdot leaks prints: the modal's elements, detached.
    for (const element of ['<section>', '<h2>', '<p>', '<button>'])
      assert.match(run.stdout, new RegExp(`Detached ${element}`), run.stdout);
    // Their holder: the page's ModalDialog, kept by the listener's closure (captures dialog).
    const leaks = await heapdot(['leaks', s1, s2, s3, '--format', 'json', '--top', '100', '--no-progress']);
    assert.equal(leaks.code, 0, leaks.stderr);
    const dialog = (JSON.parse(leaks.stdout) as LeaksJson).groups.find(
      (group) => group.className === 'ModalDialog',
    );
    assert.ok(dialog, leaks.stdout);
    assert.equal(dialog.count, 1);
    assert.match(dialog.accessPath, /captures dialog$/);
    // The detached tree's holder, in the user view: the keydown listener (a named function
    // expression) on the document.
    const section = (JSON.parse(leaks.stdout) as LeaksJson).groups.find(
      (group) => group.className === 'Detached <section>',
    );
    assert.equal(section?.accessPath, 'document keydown listener captures root');
  });
});

describe('capture --port', {
  skip: CHROMIUM ? false : 'no Chromium on this machine (apt-get install chromium, or set CHROMIUM)',
}, () => {
  let address = '';
  before(async () => {
    const profile = tempDir();
    const browser = spawn(
      CHROMIUM as string,
      [
        '--headless',
        '--no-sandbox',
        '--no-first-run',
        '--remote-debugging-port=0',
        `--user-data-dir=${profile}`,
        `${origin}/modal.html`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    children.push(browser);
    address = new URL(await devtoolsAddress(browser, 30_000)).host;
    const opened = await fetch(`http://${address}/json/new?${origin}/made-object.html`, { method: 'PUT' });
    assert.equal(opened.status, 200);
    // Both pages loaded: their titles are there.
    for (let tries = 0; ; tries++) {
      const pages = (await (await fetch(`http://${address}/json/list`)).json()) as { title: string }[];
      const titles = pages.map((page) => page.title).sort();
      if (titles.includes('Made object') && titles.includes('Modal')) break;
      assert.ok(tries < 100, `pages did not load: ${titles.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  it('lists the pages, one a line, when --page matches several (exit 2)', async () => {
    const port = address.split(':')[1];
    const run = await heapdotChild([
      'capture',
      '--port',
      port,
      '--page',
      '127.0.0.1',
      '-o',
      join(tempDir(), 'x.heapsnapshot'),
    ]);
    assert.equal(run.code, 2);
    const lines = run.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 3, run.stderr);
    assert.deepEqual(
      lines
        .slice(0, 2)
        .map((line) => line.replace(/\d+\//, 'PORT/'))
        .sort(),
      [
        `  ${origin.replace(/\d+$/, '')}PORT/made-object.html  "Made object"`,
        `  ${origin.replace(/\d+$/, '')}PORT/modal.html  "Modal"`,
      ],
    );
    assert.match(
      lines[2],
      /^heapdot: 2 pages of the browser on port \d+ have "127\.0\.0\.1" in their URL or title/,
    );
  });

  it('snapshots the page chosen by its title, and leaves the browser running', async () => {
    const port = address.split(':')[1];
    const dir = tempDir();
    const path = join(dir, 'chosen.heapsnapshot');
    const run = await heapdotChild(['capture', '--port', port, '--page', 'made OBJECT', '-o', path]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stderr,
      /made-object\.html through \S*Chrome\/[\d.]+ on port \d+; it is still running\n$/,
    );
    const found = await heapdot(['find', path, 'PageMadeWidget', '--format', 'json', '--no-progress']);
    assert.equal((JSON.parse(found.stdout) as FoundJson[]).length, 3);
    // The other page's class is not in it: this is the chosen page's heap.
    const other = await heapdot(['find', path, 'ModalDialog', '--no-progress']);
    assert.equal(other.code, 1);
    const version = await fetch(`http://${address}/json/version`);
    assert.equal(version.status, 200);
    assert.match(((await version.json()) as { Browser: string }).Browser, /Chrome\//);
  });
});

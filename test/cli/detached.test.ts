import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ChainFound } from '../../src/view/json/chainJson.js';
import type { DetachedJson } from '../../src/view/json/detachedJson.js';
import {
  ARRAY_PAGE,
  ATTACHED_PAGE,
  CONSOLE_EXPRESSIONS,
  CONSOLE_PAGE,
  DROPPED_PAGE,
  LISTENER_PAGE,
  MAP_PAGE,
  MODULE_PAGE,
} from '../fixtures/pages/detachedPages.js';
import { heapdot } from '../helpers/cli.js';
import { PageSnapshots } from '../helpers/pageSnapshot.js';

const pages = new PageSnapshots();
const snapshots: Record<string, string> = {};

async function detached(name: string, ...args: string[]): Promise<DetachedJson> {
  const run = await heapdot(['detached', snapshots[name], '--no-progress', '--format', 'json', ...args]);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as DetachedJson;
}

async function userChainLines(name: string, target: string): Promise<string[]> {
  const run = await heapdot(['chain', snapshots[name], target, '-q']);
  assert.equal(run.code, 0, run.stderr);
  return run.stdout.split('\n');
}

describe('heapdot detached, on real pages in headless Chromium', () => {
  before(async () => {
    const all = {
      array: ARRAY_PAGE,
      listener: LISTENER_PAGE,
      map: MAP_PAGE,
      module: MODULE_PAGE,
      dropped: DROPPED_PAGE,
    };
    for (const [name, files] of Object.entries(all)) snapshots[name] = await pages.snapshot(files);
  });
  after(() => pages.close());

  it('a tree kept in a global array: its element, 5 nodes, window.cache[0]', async () => {
    const json = await detached('array');
    assert.equal(json.treeCount, 1);
    const [tree] = json.trees;
    assert.equal(tree.element, '<div class=modal>');
    assert.equal(tree.entry.className, 'Detached <div>');
    assert.equal(tree.nodeCount, 5);
    assert.equal(tree.accessPath, 'window.cache[0]');
    assert.equal(tree.anchor?.kind, 'global');
    assert.ok(tree.retainedSize >= tree.entry.selfSize, 'the tree retains at least its element');
  });

  it("a tree kept by an event listener's closure: the button, the event and the variable", async () => {
    const [tree] = (await detached('listener')).trees;
    assert.equal(tree.element, '<aside>');
    assert.equal(tree.nodeCount, 5);
    assert.equal(tree.accessPath, '<button id=save> click listener captures dialog');
    assert.equal(tree.anchor?.kind, 'listener');
  });

  it("a tree kept through a classic script's Map: index.html: handlers, the issue's chain", async () => {
    const [tree] = (await detached('map')).trees;
    assert.equal(tree.element, '<section>');
    assert.equal(tree.nodeCount, 9);
    assert.equal(tree.accessPath, 'index.html: handlers.get("resize") captures panel');
    const lines = await userChainLines('map', 'Detached <p>');
    assert.match(lines[0], /^index\.html: handlers\.get\("resize"\) captures panel\[\d\]$/);
    assert.match(lines[1], /^\[Map\] \(object\) @\d+ .*\(module variable index\.html: handlers\)$/);
    assert.match(
      lines[2],
      /^ {2}--\.get\("resize"\)---> {2}\[Function\] \(closure\) @\d+ .* onResize\(\) index\.html:\d+$/,
    );
    assert.match(lines[3], /^ {2}--captures panel---> {2}\[Detached <section>\] /);
    assert.match(lines[4], /^ {2}--\[\d\]---> {2}\[Detached <p>\] .* detached$/);
  });

  it("an ES module's top-level variable is named by the module's file", async () => {
    const [tree] = (await detached('module')).trees;
    assert.equal(tree.element, '<ul>');
    assert.equal(tree.nodeCount, 5);
    assert.equal(tree.accessPath, 'app.mjs: listCache.get("list")');
  });

  it('a page that detaches its tree and lets it go reports nothing', async () => {
    const json = await detached('dropped');
    assert.deepEqual(json, { treeCount: 0, nodeCount: 0, retainedSize: 0, trees: [] });
    const text = await heapdot(['detached', snapshots.dropped, '-q']);
    assert.equal(text.stdout, 'no detached DOM trees\n');
  });

  it('text and Markdown name each tree and its holder; --limit keeps the totals', async () => {
    const text = await heapdot(['detached', snapshots.listener, '-q']);
    assert.equal(text.code, 0, text.stderr);
    const lines = text.stdout.split('\n');
    assert.equal(lines[0], `1 detached DOM tree: 5 nodes, ${lines[0].split(', ')[1]}`);
    assert.match(lines[2], /^#1 <aside>: 5 nodes, .* retained, @\d+$/);
    assert.equal(lines[3], '  <button id=save> click listener captures dialog');
    const markdown = await heapdot(['detached', snapshots.array, '--format', 'markdown', '-q']);
    assert.match(markdown.stdout, /\| `<div class=modal>` \| +5 \| .* \| `window\.cache\[0\]` \|/);
    const limited = await detached('array', '--limit', '1');
    assert.equal(limited.trees.length, 1);
  });

  it('-o draws the top trees (DOT and PNG) through the one output path', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'heapdot-detached-'));
    try {
      const dot = join(directory, 'detached.dot');
      const png = join(directory, 'detached.png');
      const run = await heapdot(['detached', snapshots.map, '-o', dot, '-o', png, '-q']);
      assert.equal(run.code, 0, run.stderr);
      const text = readFileSync(dot, 'utf8');
      assert.match(text, /module variable: index\.html: handlers/);
      assert.match(text, /&lt;section&gt;: 9 nodes, /);
      assert.match(text, /1 detached DOM tree: 9 nodes, /);
      assert.match(text, /captures panel/);
      assert.deepEqual([...readFileSync(png).subarray(1, 4)], [...Buffer.from('PNG')]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe("the user view's browser anchors, through heapdot chain", () => {
  before(async () => {
    snapshots.array ??= await pages.snapshot(ARRAY_PAGE);
    snapshots.listener ??= await pages.snapshot(LISTENER_PAGE);
  });
  after(() => pages.close());

  it('a Window property is window.name', async () => {
    const lines = await userChainLines('array', 'Detached <div>');
    assert.equal(lines[0], 'window.cache[0]');
    assert.match(lines[1], /^\[Array\] .*\(global property window\.cache\)$/);
  });

  it('an attached element is reached from the document', async () => {
    const lines = await userChainLines('listener', '<button>');
    assert.match(lines[0], /^document/);
    assert.match(lines[1], /^\[HTMLDocument\] .*\(global property document\)$/);
  });

  it("a listener's closure is the element's listener, with its event", async () => {
    const lines = await userChainLines('listener', 'Detached <aside>');
    assert.equal(lines[0], '<button id=save> click listener captures dialog');
    assert.match(lines[1], /\(event listener <button id=save> click listener\)$/);
  });
});

async function chainJson(name: string, target: string): Promise<ChainFound> {
  const run = await heapdot(['chain', snapshots[name], target, '--format', 'json', '-q']);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as ChainFound;
}

describe('attached elements and listeners defined apart, through heapdot chain and detached', () => {
  before(async () => {
    snapshots.attached ??= await pages.snapshot(ATTACHED_PAGE);
  });
  after(() => pages.close());

  it("an expando of an attached element: the element as DevTools previews it, not Blink's indexes", async () => {
    const lines = await userChainLines('attached', 'Expando');
    assert.equal(lines[0], 'document <ul class=list>.cache');
    assert.match(lines[1], /^\[HTMLDocument\] .*\(global property document\)$/);
    assert.match(lines[2], /^ {2}--<ul class=list>---> {2}\[<ul>\] \(native\) @\d+ /);
    assert.match(lines[3], /^ {2}--\.cache---> {2}\[Expando\] /);
    // Blink's vector and siblings are folded into the step, and still listed as its raw nodes.
    const json = await chainJson('attached', 'Expando');
    assert.ok(json.steps !== undefined);
    assert.ok(json.steps[0].rawNodes.length >= 1, 'the DOM internals are folded, not lost');
    assert.equal(json.steps[0].label, '<ul class=list>');
    assert.equal(json.accessPath, 'document <ul class=list>.cache');
  });

  it("an attached element's own chain ends at it, named as an element", async () => {
    const lines = await userChainLines('attached', '<button>');
    assert.equal(lines[0], 'document <button id=go>');
    assert.match(lines[2], /^ {2}--<button id=go>---> {2}\[<button>\] /);
  });

  it('a listener whose callback is defined apart: its type from addEventListener(type, name)', async () => {
    const [tree] = (await detached('attached')).trees;
    assert.equal(tree.element, '<section>');
    assert.equal(tree.nodeCount, 2);
    assert.equal(tree.accessPath, 'window resize listener captures panel');
    assert.equal(tree.anchor?.kind, 'listener');
  });
});

describe('what only the DevTools console holds, through heapdot chain and detached', () => {
  before(async () => {
    snapshots.console ??= await pages.snapshot(CONSOLE_PAGE, '', CONSOLE_EXPRESSIONS);
  });
  after(() => pages.close());

  it("the console's result and a logged object are the console's, not the page's", async () => {
    for (const target of ['ConsoleResult', 'ConsoleLogged']) {
      const lines = await userChainLines('console', target);
      assert.equal(lines[0], 'held by the DevTools console', target);
      assert.match(lines[1], /\(no page code holds it held by the DevTools console\)$/, target);
      const json = await chainJson('console', target);
      assert.equal(json.anchor?.kind, 'console', target);
    }
  });

  it('an object the page holds is not', async () => {
    const json = await chainJson('console', 'PageHeld');
    assert.equal(json.anchor?.kind, 'global');
    assert.equal(json.accessPath, 'window.kept');
  });

  it('a detached element only the console holds says so', async () => {
    const json = await detached('console');
    assert.equal(json.treeCount, 1);
    const [tree] = json.trees;
    assert.equal(tree.element, '<dialog>');
    assert.equal(tree.accessPath, 'held by the DevTools console');
    assert.equal(tree.anchor?.kind, 'console');
  });
});

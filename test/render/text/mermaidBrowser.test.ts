/**
 * The Mermaid form, rendered by Mermaid 11 itself in headless Chromium (as the DOT form is
 * rendered by real Graphviz): every hostile name must come out of the browser literally.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { chainToMermaid } from '../../../src/render/text/chainMermaid.js';
import { type BrowserPage, findChromium, openBrowserPage } from '../../helpers/chromium.js';
import { closureNode, contextVariable, foundChain, objectNode, property, snapshotRoot } from '../fixtures.js';
import { HOSTILE, type HostileCase } from '../hostileText.js';

/** What Mermaid itself reads as syntax inside a quoted label, or anywhere in the text. */
const MERMAID_HOSTILE: HostileCase[] = [
  { why: 'a directive', text: '%%{init}%% click', shown: '%%{init}%% click' },
  {
    why: 'a directive with a config',
    text: '%%{init: {"theme": "dark"}}%% x',
    shown: '%%{init: {"theme": "dark"}}%% x',
  },
  { why: 'a comment', text: '%% not a comment', shown: '%% not a comment' },
  { why: 'a percent sign', text: '100% of it', shown: '100% of it' },
  { why: 'an entity code', text: '#quot; #35; #lt;', shown: '#quot; #35; #lt;' },
  { why: 'an HTML entity', text: '&quot;&#35;&nbsp;', shown: '&quot;&#35;&nbsp;' },
  { why: 'a line break tag', text: 'a<br/>b', shown: 'a<br/>b' },
  { why: 'a click directive', text: '"]; click n0 call alert()', shown: '"]; click n0 call alert()' },
  { why: 'Markdown', text: '`**bold**` _it_', shown: '`**bold**` _it_' },
  { why: 'arrows and pipes', text: '--> |x| -.-> ==>', shown: '--> |x| -.-> ==>' },
  { why: 'class syntax', text: 'a:::root end', shown: 'a:::root end' },
  { why: 'brackets of every shape', text: '([{<>}]) ((x)) {{y}}', shown: '([{<>}]) ((x)) {{y}}' },
  { why: 'a script tag', text: '<script>alert(1)</script>', shown: '<script>alert(1)</script>' },
];

const CASES = [...HOSTILE, ...MERMAID_HOSTILE];

/** In the page: render a diagram, and read each node's and edge label's lines (a `<br>` ends a line). */
const PAGE_HELPER = `
globalThis.renderLabels = async (id, text) => {
  const { svg } = await mermaid.render(id, text);
  const holder = document.createElement('div');
  holder.innerHTML = svg;
  const lines = (element) => {
    const out = [''];
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) out[out.length - 1] += child.data;
        else if (child.nodeName.toLowerCase() === 'br') out.push('');
        else walk(child);
      }
    };
    walk(element);
    return out;
  };
  const nodes = {};
  for (const label of holder.querySelectorAll('.nodeLabel')) {
    const id = /flowchart-(n\\d+)-/.exec(label.closest('g.node').id)[1];
    nodes[id] = lines(label);
  }
  const edges = {};
  for (const label of holder.querySelectorAll('span.edgeLabel')) {
    edges[label.closest('g.label').dataset.id] = lines(label);
  }
  return { nodes, edges };
};`;

interface RenderedLabels {
  nodes: Record<string, string[]>;
  edges: Record<string, string[]>;
}

describe('chainToMermaid rendered by Mermaid 11 in headless Chromium', () => {
  let page: BrowserPage;

  before(async () => {
    const chromium = findChromium();
    assert.ok(
      chromium,
      'no chromium on PATH: install it (apt-get install chromium; .ci/run does) or set CHROMIUM',
    );
    page = await openBrowserPage(chromium);
    const require = createRequire(import.meta.url);
    await page.evaluate(readFileSync(require.resolve('mermaid/dist/mermaid.min.js'), 'utf8'));
    await page.evaluate(
      `mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }); ${PAGE_HELPER}`,
    );
  });

  after(async () => {
    await page?.close();
  });

  it('shows every hostile class name and edge name literally', async () => {
    const wrong: string[] = [];
    for (const [index, { why, text, shown }] of CASES.entries()) {
      const chain = foundChain({
        root: snapshotRoot(),
        steps: [
          { via: property(text), to: objectNode({ id: 2, className: text }) },
          // A closure's name starts a line of its box: Mermaid must not read it as a statement.
          { via: contextVariable('fn'), to: closureNode({ id: 3, name: text }) },
        ],
      });
      const rendered = await page.evaluate<RenderedLabels>(
        `renderLabels(${JSON.stringify(`chain${index}`)}, ${JSON.stringify(chainToMermaid(chain))})`,
      );
      const expected = {
        n0: ['(root)', '@1 · 0 B', 'distance 0'],
        n1: [shown, '@2 · 32 B'],
        n2: ['Function', '@3 · 32 B', `${shown}()`],
        edges: [[shown], ['fn']],
      };
      const { n0, n1, n2 } = rendered.nodes;
      const actual = { n0, n1, n2, edges: Object.values(rendered.edges) };
      // Every case is rendered before the verdict, so one run names every text that comes out wrong.
      if (JSON.stringify(actual) !== JSON.stringify(expected))
        wrong.push(`${why}: ${JSON.stringify(actual)}`);
    }
    assert.deepEqual(wrong, []);
  });
});

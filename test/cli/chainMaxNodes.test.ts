import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromDot } from 'ts-graphviz';
import { CHAIN_MAX_NODES } from '../../src/render/dot/chainDot.js';
import { heapdot } from '../helpers/cli.js';
import { shapedSnapshot } from '../helpers/snapshots.js';

/** The fixture's linked list is 12,000 links long: so is the retainer chain of its tail. */
const fanout = shapedSnapshot('fanout-heap.mjs');

/** The boxes and the one elision box of a chain picture, from a real DOT parse. */
async function pictureOf(args: string[]): Promise<{ boxes: string[]; elided: string | undefined }> {
  const run = await heapdot(['chain', fanout, 'ChainTail', '--format', 'dot', '-q', ...args]);
  assert.equal(run.code, 0, run.stderr);
  const graph = fromDot(run.stdout);
  const ids = graph.nodes.map((node) => node.id).filter((id) => id !== 'note');
  const elided = graph.nodes.find((node) => node.id === 'elided')?.attributes.get('label');
  return {
    boxes: ids.filter((id) => id !== 'elided'),
    elided: elided === undefined ? undefined : String(elided),
  };
}

describe('chain --max-nodes: a long chain fits a page', () => {
  it(`draws ${CHAIN_MAX_NODES} boxes by default, the rest as one box that counts them`, async () => {
    for (const raw of [[], ['--raw']]) {
      const { boxes, elided } = await pictureOf(raw);
      assert.equal(boxes.length, CHAIN_MAX_NODES - 1, raw.join(' '));
      assert.match(elided ?? '', /^[\d,]+ more objects on the chain/);
      const hidden = Number(/^([\d,]+)/.exec(elided ?? '')![1].replace(/,/g, ''));
      assert.ok(hidden > 12000 - CHAIN_MAX_NODES, `${hidden} hidden`);
    }
  });

  it('--max-nodes N draws N-1 boxes and one for the rest; the target is still drawn', async () => {
    const { boxes, elided } = await pictureOf(['--max-nodes', '9']);
    assert.equal(boxes.length, 8);
    assert.ok(elided);
    const run = await heapdot(['chain', fanout, 'ChainTail', '--format', 'dot', '-q', '--max-nodes', '9']);
    assert.match(run.stdout, /ChainTail/);
  });

  it('a chain shorter than --max-nodes is drawn whole', async () => {
    const run = await heapdot(['chain', fanout, 'FanTarget', '--format', 'dot', '-q', '--max-nodes', '100']);
    assert.doesNotMatch(run.stdout, /elided/);
  });
});

describe('the access path of a 12,000-step chain', () => {
  it('text and Markdown show its first and last steps and count the rest; JSON keeps it whole', async () => {
    const json = await heapdot(['chain', fanout, 'ChainTail', '--format', 'json', '-q']);
    const chain = JSON.parse(json.stdout) as { accessPath: string; steps: { label: string }[] };
    const count = chain.steps.length;
    assert.ok(count >= 12000, `${count} steps`);
    // Every step of a linked list is a property step, which joins the path as its label.
    const labels = chain.steps.map((step) => step.label);
    assert.ok(chain.accessPath === `globalThis.chainHead${labels.join('')}`, 'JSON keeps the whole path');
    const more = (count - 16).toLocaleString('en-US');
    const line = `globalThis.chainHead${labels.slice(0, 8).join('')} … (${more} more steps) … ${labels.slice(-8).join('')}`;
    assert.ok(line.length < 200, line);
    const text = await heapdot(['chain', fanout, 'ChainTail', '-q']);
    assert.equal(text.stdout.slice(0, text.stdout.indexOf('\n')), line);
    const markdown = await heapdot(['chain', fanout, 'ChainTail', '-q', '--format', 'markdown']);
    assert.ok(markdown.stdout.includes(`\n\n\`${line}\`\n\n`), markdown.stdout.slice(0, 400));
  });
});

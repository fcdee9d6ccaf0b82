import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { heapdot } from '../helpers/cli.js';
import { shapedSnapshot } from '../helpers/snapshots.js';

const snapshot = shapedSnapshot('shaped-heap.mjs');

/**
 * The farthest piece of compiled code that is held at all: only system roots hold it, through GC
 * root categories. (Nearest first: what user roots reach, then what only system roots reach, then
 * what nothing reaches, which Node 24's snapshots have too.)
 */
async function systemOnlyPick(): Promise<string> {
  const run = await heapdot(['find', snapshot, '(compiled code)', '--format', 'json', '--limit', '1000000']);
  const matches = JSON.parse(run.stdout) as { distance?: number }[];
  const held = matches.filter((match) => match.distance !== undefined).length;
  assert.ok(held > 0, run.stderr);
  return String(held);
}

describe('a chain through GC root categories names them in every form', () => {
  it('text, Markdown, DOT and Mermaid call each synthetic node what JSON and paths call it', async () => {
    const pick = await systemOnlyPick();
    // DevTools' exact chain (--raw): the user view folds GC root categories into its anchor.
    const args = ['chain', snapshot, '(compiled code)', '--raw', '--pick', pick, '--quiet', '--format'];
    const json = JSON.parse((await heapdot([...args, 'json'])).stdout);
    assert.equal(json.rootKind, 'system');
    const categories: string[] = json.nodes
      .slice(1)
      .filter((node: { type: string }) => node.type === 'synthetic')
      .map((node: { name: string }) => node.name);
    assert.ok(categories.length >= 2, JSON.stringify(json.nodes));
    assert.ok(categories.includes('(GC roots)'), categories.join(', '));

    const text = (await heapdot([...args, 'text'])).stdout;
    const lines = text.trimEnd().split('\n');
    assert.match(lines[0], /^\[\(root\)\] \(synthetic\) @1 /);
    for (const [step, name] of categories.entries()) {
      assert.ok(lines[step + 1].includes(`[${name}] (synthetic)`), lines[step + 1]);
    }
    assert.ok(!text.includes('[(synthetic)]'), text);

    const markdown = (await heapdot([...args, 'markdown'])).stdout;
    for (const name of categories) assert.ok(markdown.includes(`| \`${name}\``), markdown);
    assert.ok(!markdown.includes('`(synthetic)`'), markdown);

    const dot = (await heapdot([...args, 'dot'])).stdout;
    for (const name of categories) assert.ok(dot.includes(`label = "${name}\\n@`), name);
    const mermaid = (await heapdot([...args, 'mermaid'])).stdout;
    for (const name of categories) assert.ok(mermaid.includes(`["${name}\n@`), name);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chainToMarkdown } from '../../../src/render/text/chainMarkdown.js';
import { chainToText } from '../../../src/render/text/chainText.js';
import { codeSpan, fencedBlock } from '../../../src/render/text/markdownText.js';
import {
  foundChain,
  imageChain,
  imageReq,
  notFoundChain,
  objectNode,
  property,
  snapshotRoot,
} from '../fixtures.js';

/** Splits a GFM table row on the pipes that are not escaped with a backslash. */
function cells(row: string): string[] {
  return row
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

function tableRows(markdown: string): string[] {
  return markdown.split('\n').filter((line) => line.startsWith('| '));
}

describe('chainToMarkdown', () => {
  it('starts with a heading that names the target and the snapshot', () => {
    const markdown = chainToMarkdown(imageChain());
    assert.equal(
      markdown.split('\n')[0],
      '### Retainer chain of `ImageReqWrapper` `@91011` in `after.heapsnapshot`',
    );
  });

  it('contains the text form, without colour, in a fenced block', () => {
    const markdown = chainToMarkdown(imageChain());
    assert.ok(markdown.includes(`\`\`\`text\n${chainToText(imageChain(), { color: false })}\`\`\`\n`));
  });

  it('has a table with a row per step: step, edge, class, id, self size, distance', () => {
    const rows = tableRows(chainToMarkdown(imageChain()));
    assert.deepEqual(cells(rows[0]), ['step', 'edge', 'class', 'id', 'self size', 'distance']);
    assert.equal(rows.length, 2 + 5);
    assert.deepEqual(cells(rows[6]), ['4', '`[7]` (element)', '`ImageReqWrapper`', '`@91011`', '64 B', '4']);
  });

  it('aligns the columns, numbers to the right, so the raw Markdown reads as a table too', () => {
    const rows = tableRows(chainToMarkdown(imageChain()));
    assert.equal(new Set(rows.map((row) => row.length)).size, 1, rows.join('\n'));
    assert.match(rows[1], /^\| -+: \| -+ \| -+ \| -+ \| -+: \| -+: \|$/);
    assert.match(rows[2], /^\| {4}0 \|/);
  });

  it('escapes | in names so each row keeps six cells', () => {
    const chain = foundChain({
      root: snapshotRoot(),
      steps: [{ via: property('a|b'), to: objectNode({ id: 2, className: 'Pipe|Class\\' }) }],
    });
    const row = tableRows(chainToMarkdown(chain))[3];
    assert.deepEqual(cells(row), ['1', '`a\\|b` (property)', '`Pipe\\|Class\\`', '`@2`', '32 B', '']);
  });

  it('keeps backticks in names inside their code spans', () => {
    const chain = foundChain({
      root: snapshotRoot(),
      steps: [{ via: property('`tick`'), to: objectNode({ id: 2, className: 'a``b' }) }],
    });
    const row = tableRows(chainToMarkdown(chain))[3];
    assert.deepEqual(cells(row).slice(1, 3), ['`` `tick` `` (property)', '```a``b```']);
  });

  it('makes the fence longer than any backtick run in the chain', () => {
    const chain = foundChain({
      root: snapshotRoot(),
      steps: [{ via: property('````'), to: imageReq() }],
    });
    assert.match(chainToMarkdown(chain), /\n`````text\n[\s\S]*\n`````\n/);
  });

  it('says why when there is no chain, and has no table', () => {
    const markdown = chainToMarkdown(notFoundChain(imageReq(), 'weak-only'));
    assert.match(markdown, /^### No retainer chain for `ImageReqWrapper` `@91011`/);
    assert.match(markdown, /\nNo retainer chain: held only by weak references\.\n/);
    assert.equal(tableRows(markdown).length, 0);
  });
});

describe('codeSpan', () => {
  it('pads content that starts or ends with a backtick', () => {
    assert.equal(codeSpan('`x'), '`` `x ``');
    assert.equal(codeSpan('plain'), '`plain`');
  });

  it('escapes | only in table cells', () => {
    assert.equal(codeSpan('a|b'), '`a|b`');
    assert.equal(codeSpan('a|b', { inTable: true }), '`a\\|b`');
  });
});

describe('fencedBlock', () => {
  it('uses three backticks unless the text has a longer run', () => {
    assert.equal(fencedBlock('x\n'), '```text\nx\n```\n');
    assert.equal(fencedBlock('a ``` b'), '````text\na ``` b\n````\n');
  });
});

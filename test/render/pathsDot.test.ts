import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PathsTree, PathsTreeNode } from '../../src/analysis/pathsTypes.js';
import { renderDot } from '../../src/render/image.js';
import { countPenwidth, pathsToDot } from '../../src/render/pathsDot.js';
import { pathsToText } from '../../src/render/pathsText.js';
import { svgTexts } from './svgText.js';

const NASTY = 'Weird"Class\\N<b>&\n\\';

function step(overrides: Partial<PathsTreeNode>): PathsTreeNode {
  return {
    kind: 'object',
    name: 'Object',
    edge: { type: 'property', name: 'x' },
    count: 1,
    matched: 0,
    objects: 1,
    retainedSize: 16,
    exampleId: 7,
    children: [],
    ...overrides,
  };
}

function tree(): PathsTree {
  const leaf = step({
    name: NASTY,
    edge: { type: 'property', name: 'a"b\\' },
    count: 3,
    matched: 3,
    objects: 3,
  });
  const root = step({
    kind: 'root',
    name: '(root)',
    edge: null,
    count: 4,
    children: [
      leaf,
      step({ kind: 'more', name: '1 more', edge: null, count: 1, folded: 1, exampleId: undefined }),
    ],
  });
  return { root, matched: 4, unreachable: 0, height: 1 };
}

describe('pathsToDot', () => {
  it('draws class and edge names literally, whatever they hold', async () => {
    const svg = new TextDecoder().decode(await renderDot(pathsToDot(tree()), 'svg', { dotPath: null }));
    const texts = svgTexts(svg);
    assert.ok(texts.includes('Weird"Class\\N<b>&\\n\\'), texts.join(' | '));
    assert.ok(texts.includes('a"b\\'));
    assert.ok(texts.includes('3 objects, e.g. @7'));
  });

  it('widens arrows with the share of matches they carry, and is deterministic', () => {
    assert.equal(countPenwidth(4, 4), 8);
    assert.equal(countPenwidth(1, 4), 2.75);
    assert.equal(countPenwidth(0, 0), 1);
    assert.equal(pathsToDot(tree()), pathsToDot(tree()));
  });
});

describe('pathsToText', () => {
  it('shows heap text visibly, one line per step', () => {
    const lines = pathsToText(tree(), { target: 'X' }).trimEnd().split('\n');
    assert.equal(lines.length, 2 + 3);
    assert.equal(
      lines[3],
      '    3      16 B    --a"b\\ (property)--->  Weird"Class\\N<b>&\\n\\ 3 objects, e.g. @7',
    );
    assert.equal(lines[4], '    1      16 B    1 more');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PathsTree, PathsTreeNode } from '../../../src/analysis/pathsTypes.js';
import { renderDot } from '../../../src/output/image.js';
import { countPenwidth, pathsToDot } from '../../../src/render/dot/pathsDot.js';
import { pathsToText } from '../../../src/render/text/pathsText.js';
import { svgTexts } from '../svgText.js';

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
  return { root, matched: 4, unreachable: 0, height: 1, notes: [] };
}

describe('pathsToDot', () => {
  it('draws class and edge names literally, whatever they hold', async () => {
    const svg = new TextDecoder().decode(await renderDot(pathsToDot(tree()), 'svg', { dotPath: null }));
    // An edge label starts with no-break spaces that keep it off the arrow (see below).
    const texts = svgTexts(svg).map((text) => text.replace(/^\u00a0+/, ''));
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

interface DrawOp {
  op: string;
  points?: [number, number][];
  pt?: [number, number];
  width?: number;
  text?: string;
}
interface LaidOutEdge {
  penwidth?: string;
  _draw_?: DrawOp[];
  _ldraw_?: DrawOp[];
}

/** Graphviz's own layout of a DOT document (the WASM build, so the test needs no system dot). */
async function layout(dot: string): Promise<LaidOutEdge[]> {
  const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
  const graphviz = await Graphviz.load();
  return (JSON.parse(graphviz.layout(dot, 'json', 'dot')) as { edges: LaidOutEdge[] }).edges;
}

/** A chain of steps, each holding all matches: every arrow is vertical and as thick as it gets. */
function thickChain(): PathsTree {
  let node = step({ name: 'LeakedRequest', edge: { type: 'element', name: 0 }, count: 60, matched: 60 });
  for (const name of ['requests', 'setTimeout', 'pending']) {
    node = step({ name: `Holder of ${name}`, edge: { type: 'property', name }, count: 60, children: [node] });
  }
  const root = step({ kind: 'root', name: '(root)', edge: null, count: 60, children: [node] });
  return { root, matched: 60, unreachable: 0, height: 4, notes: [] };
}

describe('pathsToDot edge labels', () => {
  it('start beside a thick arrow, not under it', async () => {
    const dot = pathsToDot(thickChain());
    const edges = await layout(dot);
    // The same labels without their padding: Graphviz's width of the visible text alone.
    const bare = await layout(dot.replaceAll('\u00a0', ''));
    let checked = 0;
    for (const [index, edge] of edges.entries()) {
      const text = edge._ldraw_?.find((op) => op.op === 'T');
      const visible = bare[index]._ldraw_?.find((op) => op.op === 'T');
      const spline = edge._draw_?.find((op) => op.op === 'b')?.points;
      assert.ok(
        text?.pt && text.width !== undefined && visible?.width !== undefined && spline,
        JSON.stringify(edge),
      );
      const lineX = spline[0][0];
      assert.ok(
        spline.every(([x]) => x === lineX),
        'a vertical arrow',
      );
      const penwidth = Number(edge.penwidth);
      assert.equal(penwidth, 8);
      // Labels are centred: the visible text starts where the padding ends.
      const textStart = text.pt[0] - text.width / 2 + (text.width - visible.width);
      assert.ok(
        textStart >= lineX + penwidth / 2 + 1,
        `${visible.text} starts at ${textStart}, under the arrow (${lineX} ± ${penwidth / 2})`,
      );
      checked++;
    }
    assert.equal(checked, 4);
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

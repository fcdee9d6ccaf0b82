import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fromDot } from 'ts-graphviz';
import { findDotOnPath } from '../../../src/output/findDot.js';
import { renderDot } from '../../../src/output/image.js';
import { chainToDot } from '../../../src/render/dot/chainDot.js';
import {
  element,
  foundChain,
  imageChain,
  imageReq,
  notFoundChain,
  objectNode,
  property,
  snapshotRoot,
  stringNode,
  weak,
} from '../fixtures.js';
import { HOSTILE } from '../hostileText.js';
import { svgTexts } from '../svgText.js';

const SYSTEM_DOT = findDotOnPath();
const GOLDEN = new URL('./golden/imageChain.dot', import.meta.url);

function attribute(dot: string, nodeId: string, key: string): unknown {
  const node = fromDot(dot).getNode(nodeId);
  assert.ok(node, `node ${nodeId}`);
  return node.attributes.get(key as 'label');
}

function edgeAttributes(dot: string): Array<Record<string, unknown>> {
  return fromDot(dot).edges.map((edge) => Object.fromEntries(edge.attributes.values));
}

async function svgOf(dot: string, dotPath: string | null = null): Promise<string> {
  return new TextDecoder().decode(await renderDot(dot, 'svg', { dotPath }));
}

/** The bundled WASM Graphviz always; the system's `dot` too when it is installed (older versions differ). */
const RENDERERS = [
  { name: 'WASM Graphviz', dotPath: null },
  ...(SYSTEM_DOT === undefined ? [] : [{ name: `system dot (${SYSTEM_DOT})`, dotPath: SYSTEM_DOT }]),
];

describe('chainToDot', () => {
  it('matches the golden file for a Map-held ImageReqWrapper (UPDATE_GOLDEN=1 rewrites it)', () => {
    const dot = chainToDot(imageChain());
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, dot);
    assert.equal(dot, readFileSync(GOLDEN, 'utf8'));
  });

  it('is deterministic: the same chain gives the same bytes', () => {
    assert.equal(chainToDot(imageChain()), chainToDot(imageChain()));
  });

  it('draws exactly the path: one node per step, each edge from one step to the next', () => {
    const graph = fromDot(chainToDot(imageChain()));
    assert.deepEqual(
      graph.nodes.map((node) => node.id),
      ['n0', 'n1', 'n2', 'n3', 'n4'],
    );
    assert.deepEqual(
      graph.edges.map((edge) => edge.targets.map((target) => ('id' in target ? target.id : ''))),
      [
        ['n0', 'n1'],
        ['n1', 'n2'],
        ['n2', 'n3'],
        ['n3', 'n4'],
      ],
    );
  });

  it('labels edges with the real names: property, [index], internal name in grey', () => {
    const edges = edgeAttributes(chainToDot(imageChain()));
    assert.deepEqual(
      edges.map((edge) => edge.label),
      ['global', 'cache', 'table', '[7]'],
    );
    assert.equal(edges[2].fontcolor, '#808080');
    assert.equal(edges[1].fontcolor, undefined);
  });

  it('draws shortcut edges dotted and weak edges dashed', () => {
    const chain = foundChain({
      root: snapshotRoot(),
      steps: [
        { via: weak('ref'), to: objectNode({ id: 2, className: 'WeakRef' }) },
        { via: property('x'), to: imageReq() },
      ],
    });
    const edges = edgeAttributes(chainToDot(chain));
    assert.equal(edges[0].style, 'dashed');
    assert.equal(edgeAttributes(chainToDot(imageChain()))[0].style, 'dotted');
    assert.equal(edges[1].style, undefined);
  });

  it('outlines the target in red with a red font, and fills roots green', () => {
    const dot = chainToDot(imageChain());
    assert.equal(attribute(dot, 'n4', 'color'), '#d32f2f');
    assert.equal(attribute(dot, 'n4', 'fontcolor'), '#d32f2f');
    assert.equal(attribute(dot, 'n0', 'fillcolor'), '#a5d6a7');
    assert.equal(attribute(dot, 'n1', 'fillcolor'), '#a5d6a7');
  });

  it('shades by depth from the target: white target, greyer towards the root', () => {
    const dot = chainToDot(imageChain());
    assert.equal(attribute(dot, 'n4', 'fillcolor'), '#ffffff');
    const grey = (id: string) => Number.parseInt(String(attribute(dot, id, 'fillcolor')).slice(1, 3), 16);
    assert.ok(grey('n2') < grey('n3') && grey('n3') < 255);
  });

  it('uses white text on dark fills', () => {
    const deep = foundChain({
      root: objectNode({ id: 1, className: 'Holder' }),
      steps: [{ via: property('a'), to: objectNode({ id: 2, className: 'Leaf' }) }],
    });
    assert.equal(attribute(chainToDot(deep), 'n0', 'fontcolor'), 'white');
  });

  it('draws a chain that was not found as the target and a note with the reason', async () => {
    const weakOnly = chainToDot(notFoundChain(imageReq(), 'weak-only'));
    assert.deepEqual(
      fromDot(weakOnly).nodes.map((node) => node.id),
      ['n0', 'note'],
    );
    assert.equal(fromDot(weakOnly).edges.length, 0);
    assert.ok(svgTexts(await svgOf(weakOnly)).includes('held only by weak references'));
    const unreachable = await svgOf(chainToDot(notFoundChain(imageReq(), 'unreachable')));
    assert.ok(svgTexts(unreachable).includes('unreachable from any GC root'));
  });
});

/** A chain whose edge name, class name and string value are all `text`. */
function hostileChain(text: string) {
  return foundChain({
    root: snapshotRoot(),
    steps: [
      { via: property(text), to: objectNode({ id: 10, className: text }) },
      { via: element(0), to: stringNode({ id: 11, value: text }) },
    ],
  });
}

for (const { name, dotPath } of RENDERERS) {
  describe(`chainToDot with hostile labels, rendered by ${name}`, () => {
    for (const { why, text, shown } of HOSTILE) {
      it(`shows ${why} literally as class, edge and string value`, async () => {
        const lines = svgTexts(await svgOf(chainToDot(hostileChain(text)), dotPath));
        assert.equal(
          lines.filter((line) => line === shown).length,
          2,
          `class and edge label in ${JSON.stringify(lines)}`,
        );
        assert.ok(lines.includes(`"${shown}"`), `string value in ${JSON.stringify(lines)}`);
      });
    }

    it('cuts a 1,500-character string to its first 40 characters and names to 80', async () => {
      const long = '0123456789'.repeat(150);
      const lines = svgTexts(await svgOf(chainToDot(hostileChain(long)), dotPath));
      assert.ok(lines.includes(`"${long.slice(0, 40)}…"`), JSON.stringify(lines));
      assert.equal(lines.filter((line) => line === `${long.slice(0, 80)}…`).length, 2);
    });
  });
}

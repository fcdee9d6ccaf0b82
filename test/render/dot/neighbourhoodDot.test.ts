import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromDot, type RootGraphModel } from 'ts-graphviz';
import { findDotOnPath } from '../../../src/output/findDot.js';
import { renderDot } from '../../../src/output/image.js';
import { neighbourhoodToDot } from '../../../src/render/dot/neighbourhoodDot.js';
import { HIGHLIGHT_FILL, NOTE_FILL, ROOT_FILL, TARGET_COLOR } from '../../../src/render/palette.js';
import { element, imageReq, objectNode, property, stringNode } from '../fixtures.js';
import { HOSTILE } from '../hostileText.js';
import {
  arrow,
  cacheRefs,
  leakBackrefs,
  moreBox,
  neighbourhood,
  objectBox,
} from '../neighbourhoodFixtures.js';
import { svgTexts } from '../svgText.js';

const SYSTEM_DOT = findDotOnPath();

function nodeAttribute(graph: RootGraphModel, nodeId: string, key: string): unknown {
  const node = graph.getNode(nodeId);
  assert.ok(node, `node ${nodeId}`);
  return node.attributes.get(key as 'label');
}

function endIds(graph: RootGraphModel): string[][] {
  return graph.edges.map((edge) => edge.targets.map((target) => ('id' in target ? target.id : '')));
}

/** Each edge's attributes, keyed by `from->to`. */
function edgesByEnds(graph: RootGraphModel): Map<string, Record<string, unknown>> {
  return new Map(
    graph.edges.map((edge) => {
      const [from, to] = edge.targets.map((target) => ('id' in target ? target.id : ''));
      return [`${from}->${to}`, Object.fromEntries(edge.attributes.values)];
    }),
  );
}

function grey(graph: RootGraphModel, nodeId: string): number {
  return Number.parseInt(String(nodeAttribute(graph, nodeId, 'fillcolor')).slice(1, 3), 16);
}

async function svgOf(dot: string, dotPath: string | null = null): Promise<string> {
  return new TextDecoder().decode(await renderDot(dot, 'svg', { dotPath }));
}

const RENDERERS = [
  { name: 'WASM Graphviz', dotPath: null },
  ...(SYSTEM_DOT === undefined ? [] : [{ name: `system dot (${SYSTEM_DOT})`, dotPath: SYSTEM_DOT }]),
];

describe('neighbourhoodToDot', () => {
  it('is deterministic: the same view gives the same bytes', () => {
    assert.equal(neighbourhoodToDot(leakBackrefs()), neighbourhoodToDot(leakBackrefs()));
  });

  it("emits nodes and edges in the view's order, the note last", () => {
    const graph = fromDot(neighbourhoodToDot(leakBackrefs()));
    assert.deepEqual(
      graph.nodes.map((node) => node.id),
      ['o91011', 'o5003', 'o6002', 'o7001', 'o5001', 'o3', 'o8001', 'more:5001:retainers', 'note'],
    );
    assert.deepEqual(endIds(graph), [
      ['o5003', 'o91011'],
      ['o6002', 'o91011'],
      ['o7001', 'o91011'],
      ['o5001', 'o5003'],
      ['o5001', 'o6002'],
      ['o91011', 'o5001'],
      ['o3', 'o5001'],
      ['o8001', 'o5001'],
      ['more:5001:retainers', 'o5001'],
    ]);
  });

  it('draws a holder reached by two paths once (a diamond)', () => {
    const graph = fromDot(neighbourhoodToDot(leakBackrefs()));
    assert.equal(graph.nodes.filter((node) => node.id === 'o5001').length, 1);
    assert.equal(endIds(graph).filter(([from]) => from === 'o5001').length, 2);
  });

  it('lays out top to bottom with arrows holder -> held, so backrefs have the target at the bottom', () => {
    const dot = neighbourhoodToDot(leakBackrefs());
    assert.equal(fromDot(dot).get('rankdir'), 'TB');
    assert.match(dot, /^digraph "?backrefs"? \{/);
  });

  it('lets an arrow against the depth order (a cycle back from the target) not rank', () => {
    const edges = edgesByEnds(fromDot(neighbourhoodToDot(leakBackrefs())));
    assert.equal(String(edges.get('o91011->o5001')?.constraint), 'false');
    assert.equal(edges.get('o5003->o91011')?.constraint, undefined);
    assert.equal(edges.get('o3->o5001')?.constraint, undefined);
  });

  it('labels edges with the real names: [index], variable, property; internal names in grey', () => {
    const edges = edgesByEnds(fromDot(neighbourhoodToDot(leakBackrefs())));
    assert.equal(edges.get('o5003->o91011')?.label, '[7]');
    assert.equal(edges.get('o6002->o91011')?.label, 'r');
    assert.equal(edges.get('o5001->o5003')?.label, 'table');
    assert.equal(edges.get('o5001->o5003')?.fontcolor, '#808080');
    assert.equal(edges.get('o5001->o6002')?.label, 'context');
    assert.equal(edges.get('o5001->o6002')?.fontcolor, undefined);
  });

  it('draws weak edges dashed, others solid', () => {
    const edges = edgesByEnds(fromDot(neighbourhoodToDot(leakBackrefs())));
    assert.equal(edges.get('o7001->o91011')?.style, 'dashed');
    assert.equal(edges.get('o7001->o91011')?.label, 'target');
    assert.equal(edges.get('o5003->o91011')?.style, undefined);
  });

  it('outlines the target in red with a red font on a white fill', () => {
    const graph = fromDot(neighbourhoodToDot(leakBackrefs()));
    assert.equal(nodeAttribute(graph, 'o91011', 'color'), TARGET_COLOR);
    assert.equal(nodeAttribute(graph, 'o91011', 'fontcolor'), TARGET_COLOR);
    assert.equal(nodeAttribute(graph, 'o91011', 'fillcolor'), '#ffffff');
  });

  it('fills roots green and highlighted nodes blue', () => {
    const graph = fromDot(neighbourhoodToDot(leakBackrefs()));
    assert.equal(nodeAttribute(graph, 'o3', 'fillcolor'), ROOT_FILL);
    assert.equal(nodeAttribute(graph, 'o6002', 'fillcolor'), HIGHLIGHT_FILL);
    assert.equal(nodeAttribute(graph, 'o6002', 'fontcolor'), 'black');
  });

  it('shades by depth, white targets to grey at maxDepth, with white text on dark fills', () => {
    const graph = fromDot(neighbourhoodToDot(leakBackrefs()));
    assert.ok(grey(graph, 'o8001') < grey(graph, 'o5001'));
    assert.ok(grey(graph, 'o5001') < grey(graph, 'o5003'));
    assert.ok(grey(graph, 'o5003') < 255);
    assert.equal(nodeAttribute(graph, 'o8001', 'fillcolor'), '#4d4d4d');
    assert.equal(nodeAttribute(graph, 'o8001', 'fontcolor'), 'white');
    assert.equal(nodeAttribute(graph, 'o5003', 'fontcolor'), 'black');
  });

  it('gives nodes that were not expanded a dashed border, but not roots', () => {
    const graph = fromDot(neighbourhoodToDot(leakBackrefs()));
    assert.equal(nodeAttribute(graph, 'o8001', 'style'), 'filled,dashed');
    assert.equal(nodeAttribute(graph, 'o3', 'style'), undefined);
    assert.equal(nodeAttribute(graph, 'o5001', 'style'), undefined);
  });

  it('draws "36 more retainers" as a red-bordered box with a plain arrow into the node', () => {
    const graph = fromDot(neighbourhoodToDot(leakBackrefs()));
    assert.equal(
      nodeAttribute(graph, 'more:5001:retainers', 'label'),
      '36 more retainers\\nObject ×36 · 576 B',
    );
    assert.equal(nodeAttribute(graph, 'more:5001:retainers', 'color'), TARGET_COLOR);
    assert.equal(nodeAttribute(graph, 'more:5001:retainers', 'fontcolor'), 'black');
    assert.deepEqual(edgesByEnds(graph).get('more:5001:retainers->o5001'), {});
  });

  it('says "1 more retainer" for one', () => {
    const target = objectBox(imageReq(), 0);
    const graph = fromDot(
      neighbourhoodToDot(neighbourhood({ nodes: [target, moreBox(target, 1, 'retainers')], edges: [] })),
    );
    assert.equal(nodeAttribute(graph, 'more:91011:retainers', 'label'), '1 more retainer\\nObject ×1 · 16 B');
  });

  it('draws refs from the target down, the "more references" arrow out of the node', () => {
    const dot = neighbourhoodToDot(cacheRefs());
    const graph = fromDot(dot);
    assert.equal(graph.get('rankdir'), 'TB');
    assert.deepEqual(endIds(graph), [
      ['o5001', 'o5003'],
      ['o5001', 'more:5001:references'],
    ]);
    assert.equal(
      nodeAttribute(graph, 'more:5001:references', 'label'),
      '12 more references\\nObject ×12 · 192 B',
    );
    assert.equal(edgesByEnds(graph).get('o5001->o5003')?.constraint, undefined);
  });

  it('puts the note sentences in one note box', () => {
    const graph = fromDot(neighbourhoodToDot(leakBackrefs()));
    assert.equal(nodeAttribute(graph, 'note', 'shape'), 'note');
    assert.equal(nodeAttribute(graph, 'note', 'fillcolor'), NOTE_FILL);
    assert.equal(nodeAttribute(graph, 'note', 'label'), 'The picture was cut at depth 3 (--max-nodes 400).');
    assert.equal(fromDot(neighbourhoodToDot(cacheRefs())).getNode('note'), undefined);
  });

  it('keeps several targets in one row', () => {
    const first = objectBox(imageReq(), 0);
    const second = objectBox(objectNode({ id: 91013, className: 'ImageReqWrapper' }), 0);
    const holder = objectBox(objectNode({ id: 5003, className: 'Array' }), 1);
    const dot = neighbourhoodToDot(
      neighbourhood({
        nodes: [first, second, holder],
        edges: [arrow(holder, first, element(0)), arrow(holder, second, element(1))],
      }),
    );
    const row = fromDot(dot).subgraphs[0];
    assert.equal(row.get('rank'), 'max');
    assert.deepEqual(
      row.nodes.map((node) => node.id),
      ['o91011', 'o91013'],
    );
  });

  it('renders through the WASM Graphviz with every label', async () => {
    const lines = svgTexts(await svgOf(neighbourhoodToDot(leakBackrefs())));
    for (const text of [
      'ImageReqWrapper',
      'Cache',
      'global',
      'system / Context',
      '36 more retainers',
      '[7]',
      'r',
      'table',
      'owner',
      'target',
      'The picture was cut at depth 3 (--max-nodes 400).',
    ]) {
      assert.ok(lines.includes(text), `${text} in ${JSON.stringify(lines)}`);
    }
  });
});

/** A holder whose class name, edge name and held string's value are all `text`, and a note of `text`. */
function hostileView(text: string) {
  const value = objectBox(stringNode({ id: 11, value: text }), 0);
  const holder = objectBox(objectNode({ id: 10, className: text }), 1);
  return neighbourhood({
    nodes: [value, holder],
    edges: [arrow(holder, value, property(text))],
    notes: [text],
  });
}

for (const { name, dotPath } of RENDERERS) {
  describe(`neighbourhoodToDot with hostile labels, rendered by ${name}`, () => {
    for (const { why, text, shown } of HOSTILE) {
      it(`shows ${why} literally as class, edge, note and string value`, async () => {
        const lines = svgTexts(await svgOf(neighbourhoodToDot(hostileView(text)), dotPath));
        assert.equal(
          lines.filter((line) => line === shown).length,
          3,
          `class, edge label and note in ${JSON.stringify(lines)}`,
        );
        assert.ok(lines.includes(`"${shown}"`), `string value in ${JSON.stringify(lines)}`);
      });
    }

    it('cuts a 1,500-character string to its first 40 characters and names to 80', async () => {
      const long = '0123456789'.repeat(150);
      const view = hostileView(long);
      view.notes = [];
      const lines = svgTexts(await svgOf(neighbourhoodToDot(view), dotPath));
      assert.ok(lines.includes(`"${long.slice(0, 40)}…"`), JSON.stringify(lines));
      assert.equal(lines.filter((line) => line === `${long.slice(0, 80)}…`).length, 2);
    });
  });
}

/**
 * Renderer fuzzing (issue 8, item 3): label text of any kind, put into class names, values,
 * locations, edge names and notes of chain and neighbourhood views, always gives DOT that
 * Graphviz lays out, and the SVG shows each line literally (as `visibleText(cutText(...))` says
 * it should, the library's own cut and escape policy). Plus very long names, huge fan-outs, and
 * --max-nodes through the CLI on a snapshot whose target has thousands of holders.
 *
 * Runs: HEAPDOT_FUZZ_RUNS per property (default 100; each WASM render takes 10-50 ms).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { EdgeSummary } from '../../src/analysis/types.js';
import { findDotOnPath } from '../../src/output/findDot.js';
import { renderDot } from '../../src/output/image.js';
import { chainToDot } from '../../src/render/dot/chainDot.js';
import { neighbourhoodToDot } from '../../src/render/dot/neighbourhoodDot.js';
import { edgeLabel } from '../../src/render/edgeLabel.js';
import { cutText, NAME_MAX, visibleText } from '../../src/render/label.js';
import { nodeLabelLines } from '../../src/render/nodeLabel.js';
import type { ChainView, GraphEdgeView, GraphNodeView, NodeView } from '../../src/view/types.js';
import { heapdot } from '../helpers/cli.js';
import { shapedSnapshot } from '../helpers/snapshots.js';
import { foundChain, objectNode, property, snapshotRoot } from './fixtures.js';
import { arrow, moreBox, neighbourhood, objectBox } from './neighbourhoodFixtures.js';
import { svgTexts } from './svgText.js';

const RUNS = Number(process.env.HEAPDOT_FUZZ_RUNS ?? 100);
const SYSTEM_DOT = findDotOnPath();
/** The system dot is a second Graphviz (another version, another lexer build): fewer runs, it spawns. */
const SYSTEM_RUNS = Math.max(10, Math.round(RUNS / 4));

// ---------------------------------------------------------------------------------------------
// Label text

/** Pieces that mean something to ts-graphviz, the DOT lexer, escString, the line pass, HTML or XML. */
const TRICKY = [
  '\\',
  '\\\\',
  '"',
  '\\"',
  '\\N',
  '\\G',
  '\\E',
  '\\T',
  '\\H',
  '\\L',
  '\\l',
  '\\n',
  '\\r',
  '\\x',
  '\n',
  '\r\n',
  '\t',
  '\0',
  '\x1b[31m',
  '\x7f',
  '\x85',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\u200b',
  '\u00a0',
  '\ufffd',
  '\ufffe',
  '\uffff',
  '\ud800',
  '\udfff',
  '\udc00\ud800',
  '😀',
  '👩‍👩‍👧',
  'e\u0301',
  '<',
  '>',
  '<b>x</b>',
  '<<table>>',
  '&',
  '&amp;',
  '&lt;',
  '&#65;',
  '&#x41;',
  '&#0;',
  '&#1114112;',
  '&nbsp;',
  '&;',
  '{',
  '}',
  '|',
  '[',
  ']',
  ';',
  ',',
  '=',
  ':',
  '->',
  '--',
  '/*',
  '*/',
  '//',
  '#',
  ' ',
  '  ',
  '-',
  "'",
  '$(touch pwned)',
  '`x`',
];

/** One piece of label text: any code point, a lone surrogate half, a control character, or a tricky piece. */
const unit: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x9f }).map((code) => String.fromCharCode(code)) },
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY) },
);

/** Mostly short text, sometimes long enough to be cut (NAME_MAX 80, PREVIEW_MAX 40), sometimes very long. */
const labelText: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit, maxLength: 30 }) },
  { weight: 3, arbitrary: fc.string({ unit, minLength: 30, maxLength: 120 }) },
  { weight: 1, arbitrary: fc.string({ unit, minLength: 500, maxLength: 3000 }) },
  // A cut that lands next to a surrogate pair or a trailing backslash.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 35, max: 85 }), fc.constantFrom('\\', '😀', '\ud800', '"', '&amp;'))
      .map(([count, tail]) => `${'x'.repeat(count)}${tail}${tail}`),
  },
);

const NODE_TYPES = [
  'object',
  'string',
  'concatenated string',
  'sliced string',
  'closure',
  'array',
  'code',
  'hidden',
  'native',
  'synthetic',
  'regexp',
  'number',
];
const EDGE_TYPES = ['property', 'element', 'context', 'internal', 'hidden', 'shortcut', 'weak'];

function nodeArbitrary(id: number): fc.Arbitrary<NodeView> {
  return fc
    .record(
      {
        type: fc.constantFrom(...NODE_TYPES),
        name: labelText,
        className: labelText,
        title: labelText,
        selfSize: fc.nat(),
        v8SelfSize: fc.nat(),
        retainedSize: fc.nat(),
        distance: fc.nat({ max: 20 }),
        detached: fc.boolean(),
        preview: labelText,
        location: labelText,
        isGcRoot: fc.boolean(),
        isUserRoot: fc.boolean(),
      },
      {
        requiredKeys: [
          'type',
          'name',
          'className',
          'title',
          'selfSize',
          'v8SelfSize',
          'isGcRoot',
          'isUserRoot',
        ],
      },
    )
    .map((fields) => ({ id, ...fields }));
}

const edgeArbitrary: fc.Arbitrary<EdgeSummary> = fc.record({
  type: fc.constantFrom(...EDGE_TYPES),
  name: fc.oneof({ weight: 4, arbitrary: labelText }, { weight: 1, arbitrary: fc.nat() }),
});

// ---------------------------------------------------------------------------------------------
// What the SVG must show

/**
 * Graphviz writes the second of two spaces as `&#160;` so that viewers keep it: the same text
 * on screen. Compare with no-break spaces read as spaces on both sides.
 */
const sameOnScreen = (text: string) => text.replaceAll('\u00a0', ' ');

/** The lines a node's box shows, as Graphviz should draw them. Graphviz draws no text for an empty line. */
function expectedNodeLines(node: NodeView): string[] {
  return nodeLabelLines(node).map(visibleText);
}

function expectedEdgeLine(edge: EdgeSummary): string {
  return visibleText(cutText(edgeLabel(edge), NAME_MAX));
}

/** XML 1.0's Char production: what an SVG may contain at all. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** Renders `dot` to SVG and checks it is well-formed text that shows every `expected` line. */
async function assertRendersLiterally(
  dot: string,
  expected: readonly string[],
  dotPath: string | null = null,
): Promise<void> {
  const bytes = await renderDot(dot, 'svg', { dotPath });
  // Valid UTF-8: a lone surrogate that got through would not encode.
  const svg = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  assert.match(svg, /<\/svg>\s*$/, 'a complete SVG');
  const bad = Array.from(svg)
    .map((character) => character.codePointAt(0) ?? 0)
    .filter((code) => !isXmlChar(code));
  assert.deepEqual(
    bad.map((code) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`),
    [],
    'the SVG holds only XML characters (a viewer or resvg refuses anything else)',
  );
  const shown = new Set(svgTexts(svg).map(sameOnScreen));
  for (const line of expected) {
    if (line === '') continue;
    assert.ok(
      shown.has(sameOnScreen(line)),
      `the SVG shows ${JSON.stringify(line)}; it has ${JSON.stringify([...shown])}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Views

const chainArbitrary: fc.Arbitrary<ChainView> = fc
  .array(fc.tuple(edgeArbitrary, fc.nat({ max: 1_000_000 })), { minLength: 1, maxLength: 3 })
  .chain((steps) =>
    fc.tuple(...steps.map((_, index) => nodeArbitrary(100 + index))).map((nodes) =>
      foundChain({
        root: snapshotRoot(),
        steps: nodes.map((to, index) => ({ via: steps[index][0], to })),
      }),
    ),
  );

function chainExpectations(view: ChainView): string[] {
  return [...view.nodes.flatMap(expectedNodeLines), ...view.edges.map(expectedEdgeLine)];
}

interface FuzzNeighbourhood {
  view: ReturnType<typeof neighbourhood>;
  expected: string[];
}

/** A target, 1-4 neighbours with random labels (cross links and a cycle included), a "more" box, random notes. */
const neighbourhoodArbitrary: fc.Arbitrary<FuzzNeighbourhood> = fc
  .record({
    kind: fc.constantFrom('backrefs' as const, 'refs' as const, 'paths' as const),
    target: nodeArbitrary(1),
    others: fc.array(fc.tuple(nodeArbitrary(0), edgeArbitrary, fc.boolean(), fc.boolean()), {
      minLength: 1,
      maxLength: 4,
    }),
    crossEdge: fc.option(edgeArbitrary, { nil: undefined }),
    more: fc.nat({ max: 100_000 }),
    notes: fc.array(labelText, { maxLength: 2 }),
  })
  .map(({ kind, target, others, crossEdge, more, notes }) => {
    const targetBox = objectBox(target, 0, { highlighted: others.length % 2 === 0 });
    const boxes = others.map(([node, , highlighted, expanded], index) =>
      objectBox({ ...node, id: 10 + index }, 1, { highlighted, expanded }),
    );
    const edges: GraphEdgeView[] = boxes.map((box, index) =>
      kind === 'refs' ? arrow(targetBox, box, others[index][1]) : arrow(box, targetBox, others[index][1]),
    );
    if (crossEdge !== undefined) edges.push(arrow(boxes[0], boxes[boxes.length - 1], crossEdge));
    const nodes: GraphNodeView[] = [targetBox, ...boxes];
    if (more > 0) {
      const box = moreBox(targetBox, more, kind === 'refs' ? 'references' : 'retainers');
      nodes.push(box);
      edges.push(kind === 'refs' ? arrow(targetBox, box) : arrow(box, targetBox));
    }
    const view = neighbourhood({ kind, nodes, edges, notes });
    const expected = [
      ...[targetBox, ...boxes].flatMap((box) => expectedNodeLines(box.node)),
      ...edges.flatMap((edge) => (edge.edge === undefined ? [] : [expectedEdgeLine(edge.edge)])),
      ...notes.map(visibleText),
    ];
    return { view, expected };
  });

// ---------------------------------------------------------------------------------------------

describe('renderer fuzzing: any label text renders literally (WASM Graphviz)', () => {
  it(`chain views (${RUNS} runs)`, { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(chainArbitrary, async (view) => {
        await assertRendersLiterally(chainToDot(view), chainExpectations(view));
      }),
      { numRuns: RUNS, includeErrorInReport: true },
    );
  });

  it(`neighbourhood views (${RUNS} runs)`, { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(neighbourhoodArbitrary, async ({ view, expected }) => {
        await assertRendersLiterally(neighbourhoodToDot(view), expected);
      }),
      { numRuns: RUNS, includeErrorInReport: true },
    );
  });

  it('every tricky piece on its own, in a class name, a string value and an edge name', async () => {
    for (const piece of TRICKY) {
      const text = `a${piece}b${piece}`;
      const view = foundChain({
        root: snapshotRoot(),
        steps: [
          { via: property(text), to: objectNode({ id: 5, className: text }) },
          {
            via: { type: 'element', name: 3 },
            to: { ...objectNode({ id: 6, className: '(string)' }), type: 'string', preview: text },
          },
        ],
      });
      await assertRendersLiterally(chainToDot(view), chainExpectations(view));
    }
  });

  it('a label with non-ASCII text, then a box whose first line is empty (an empty class name)', async () => {
    // The WASM Graphviz (1.29.2) traps with "table index is out of bounds" on the second render.
    const accented = foundChain({
      root: snapshotRoot(),
      steps: [{ via: property('café'), to: objectNode({ id: 5, className: 'Café' }) }],
    });
    const anonymous = foundChain({
      root: snapshotRoot(),
      steps: [{ via: property('instance'), to: objectNode({ id: 6, className: '' }) }],
    });
    await assertRendersLiterally(chainToDot(accented), chainExpectations(accented));
    await assertRendersLiterally(chainToDot(anonymous), chainExpectations(anonymous));
  });

  it('a class name of U+FFFF or U+FFFE still makes a PNG (resvg refuses non-XML characters)', async () => {
    for (const className of ['\uffff', 'Sentinel\ufffe']) {
      const view = foundChain({
        root: snapshotRoot(),
        steps: [{ via: property('key'), to: objectNode({ id: 5, className }) }],
      });
      const png = await renderDot(chainToDot(view), 'png', { dotPath: null });
      assert.deepEqual(Array.from(png.subarray(0, 4)), [0x89, 0x50, 0x4e, 0x47], JSON.stringify(className));
    }
  });
});

describe('renderer fuzzing: the system dot', {
  skip: SYSTEM_DOT === undefined ? 'no dot on PATH' : false,
}, () => {
  it(`chain and neighbourhood views (${SYSTEM_RUNS} runs each)`, { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(chainArbitrary, async (view) => {
        await assertRendersLiterally(chainToDot(view), chainExpectations(view), SYSTEM_DOT);
      }),
      { numRuns: SYSTEM_RUNS, includeErrorInReport: true },
    );
    await fc.assert(
      fc.asyncProperty(neighbourhoodArbitrary, async ({ view, expected }) => {
        await assertRendersLiterally(neighbourhoodToDot(view), expected, SYSTEM_DOT);
      }),
      { numRuns: SYSTEM_RUNS, includeErrorInReport: true },
    );
  });
});

describe('big inputs', () => {
  it('a 100 KB class name, value, location and edge name: small DOT that renders, cut', async () => {
    const huge = `${'Ab"\\&<😀'.repeat(12_800)}`.slice(0, 100_000);
    const node: NodeView = {
      ...objectNode({ id: 5, className: huge }),
      type: 'string',
      name: huge,
      preview: huge,
      location: huge,
    };
    const view = foundChain({ root: snapshotRoot(), steps: [{ via: property(huge), to: node }] });
    const dot = chainToDot(view);
    assert.ok(dot.length < 5_000, `${dot.length} bytes of DOT`);
    await assertRendersLiterally(dot, chainExpectations(view));
    const note = neighbourhood({
      nodes: [objectBox(node, 0)],
      edges: [],
      notes: [huge.slice(0, 20_000)],
    });
    await assertRendersLiterally(neighbourhoodToDot(note), [visibleText(huge.slice(0, 20_000))]);
  });

  it('a view with 5,000 neighbours gives DOT that renders', { timeout: 300_000 }, async () => {
    const target = objectBox(objectNode({ id: 1, className: 'FanTarget' }), 0);
    const holders = Array.from({ length: 5_000 }, (_, index) =>
      objectBox(objectNode({ id: 10 + index, className: `FanHolder${index}` }), 1, { expanded: false }),
    );
    const view = neighbourhood({
      nodes: [target, ...holders],
      edges: holders.map((holder) => arrow(holder, target, property('target'))),
    });
    const dot = neighbourhoodToDot(view);
    const svg = new TextDecoder().decode(await renderDot(dot, 'svg', { dotPath: null }));
    const texts = svgTexts(svg);
    assert.ok(texts.includes('FanTarget'));
    assert.ok(texts.includes('FanHolder4999'));
  });

  it('a chain 12,000 links long gives DOT (a linked list held by a global)', { timeout: 300_000 }, () => {
    const view = foundChain({
      root: snapshotRoot(),
      steps: Array.from({ length: 12_000 }, (_, index) => ({
        via: property('next'),
        to: objectNode({ id: 10 + 2 * index, className: 'ChainLink', distance: index + 1 }),
      })),
    });
    const dot = chainToDot(view, { maxNodes: Number.POSITIVE_INFINITY });
    assert.equal(dot.match(/label = "ChainLink\\n/g)?.length, 12_000);
  });
});

// ---------------------------------------------------------------------------------------------
// Through the CLI, on a real snapshot

interface PictureJson {
  nodes: { id?: number; className?: string; more?: number; target?: true }[];
  edges: unknown[];
  notes: string[];
}

describe('--max-nodes on a target with thousands of holders (test/fixtures/fanout-heap.mjs)', () => {
  const snapshot = shapedSnapshot('fanout-heap.mjs');

  async function picture(args: string[]): Promise<{ json: PictureJson; stderr: string; dot: string }> {
    const json = await heapdot([...args, '--format', 'json']);
    assert.equal(json.code, 0, json.stderr);
    const dot = await heapdot([...args, '--format', 'dot', '-q']);
    assert.equal(dot.code, 0, dot.stderr);
    assert.equal(dot.stderr, '');
    return { json: JSON.parse(json.stdout) as PictureJson, stderr: json.stderr, dot: dot.stdout };
  }

  for (const [command, target] of [
    ['backrefs', 'FanTarget'],
    ['refs', 'FanOut'],
  ] as const) {
    it(`${command} ${target} --too-many 10000 --max-nodes 50: at most 50 objects, and stderr says it was cut`, async () => {
      const { json, stderr, dot } = await picture([
        command,
        snapshot,
        target,
        '--too-many',
        '10000',
        '--max-nodes',
        '50',
      ]);
      const objects = json.nodes.filter((node) => node.more === undefined);
      assert.ok(objects.length >= 1 && objects.length <= 50, `${objects.length} objects`);
      assert.ok(objects.some((node) => node.target && node.className === target));
      assert.match(stderr, new RegExp(`^${command}: cut at depth \\d+: .*over --max-nodes 50$`, 'm'));
      assert.ok(
        json.notes.some((note) => /over --max-nodes 50/.test(note)),
        'the picture has the note too',
      );
      const objectIds = dot.match(/^\s*"?o\d+"?\s*\[/gm) ?? [];
      assert.ok(objectIds.length <= 50, `${objectIds.length} object nodes in the DOT`);
      const svg = new TextDecoder().decode(await renderDot(dot, 'svg', { dotPath: null }));
      assert.ok(svgTexts(svg).includes(target));
      assert.ok(
        svgTexts(svg).some((line) => /over --max-nodes 50/.test(line)),
        'the note is drawn',
      );
    });
  }

  it('backrefs with the default --too-many: a "more" box, within --max-nodes 50', async () => {
    const { json } = await picture(['backrefs', snapshot, 'FanTarget', '--max-nodes', '50']);
    const objects = json.nodes.filter((node) => node.more === undefined);
    assert.ok(objects.length <= 50, `${objects.length} objects`);
    const more = json.nodes.find((node) => node.more !== undefined);
    assert.ok(more !== undefined && (more.more ?? 0) >= 4_990, JSON.stringify(more));
  });

  it('backrefs drawing all 5,000 holders (--max-nodes 10000) writes DOT', { timeout: 120_000 }, async () => {
    const run = await heapdot([
      'backrefs',
      snapshot,
      'FanTarget',
      '--max-depth',
      '1',
      '--too-many',
      '10000',
      '--max-nodes',
      '10000',
      '--format',
      'dot',
      '-q',
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.ok((run.stdout.match(/label = "FanHolder\\n/g)?.length ?? 0) >= 5_000);
  });

  it('chain of the tail of a 12,000-link list writes DOT', { timeout: 120_000 }, async () => {
    const run = await heapdot([
      'chain',
      snapshot,
      'ChainTail',
      '--raw',
      '--max-nodes',
      '20000',
      '--format',
      'dot',
      '-q',
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.ok((run.stdout.match(/label = "ChainLink\\n/g)?.length ?? 0) >= 12_000);
  });
});

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseHeader } from '../../src/snapshot/header.js';
import type { HeapGraph } from '../../src/snapshot/heapGraph.js';
import type { SnapshotJson } from './rewrite.js';

/**
 * Random heap snapshots for property and mutation tests: a small graph model, its JSON in the
 * layouts the reader accepts (with byte ranges per section, for mutations), the graph the reader
 * must make of it, and a reference reader that works from JSON.parse's result.
 */

/** The node and edge type lists of a real Node 20+ snapshot. */
export const NODE_TYPES = [
  'hidden',
  'array',
  'string',
  'object',
  'code',
  'closure',
  'regexp',
  'number',
  'native',
  'synthetic',
  'concatenated string',
  'sliced string',
  'symbol',
  'bigint',
  'object shape',
  'wasm object',
];
export const EDGE_TYPES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];
const INDEXED_EDGE_TYPES = new Set(['element', 'hidden']);
const UINT32_MAX = 0xffffffff;

/** What the reader must produce: plain columns, compared field by field with a HeapGraph. */
export interface ExpectedGraph {
  nodeType: number[];
  nodeName: number[];
  nodeId: number[];
  nodeSelfSize: number[];
  /** Undefined when the layout has no detachedness field. */
  nodeDetachedness: number[] | undefined;
  /** Zeros when no node has one. */
  nodeTraceId: number[];
  firstEdge: number[];
  edgeType: number[];
  edgeNameOrIndex: number[];
  edgeTarget: number[];
  strings: string[];
  /** (node ordinal, script id, line, column) per entry, in file order. */
  locations: [number, number, number, number][];
  rootOrdinal: number;
}

// ---------------------------------------------------------------------------------------------
// Strings

/** Single characters that break careless JSON handling: quotes, escapes, brackets, controls, surrogates. */
const NASTY_CHARS = [
  '"',
  '\\',
  ']',
  '}',
  '[',
  '{',
  ',',
  ':',
  '/',
  '\n',
  '\r',
  '\t',
  '\b',
  '\f',
  '\u0000',
  '\u0001',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ufffd',
  '\uffff',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
  '\ud83d\ude00',
  'é',
  '中',
  'a',
  ' ',
  '\\u0041',
  '\\"',
  '"nodes":[',
];

/** Strings with any code point, lone surrogates included, and the characters JSON has to escape. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 16 }),
  fc.string({
    unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
    maxLength: 16,
  }),
  fc.string({ unit: fc.constantFrom(...NASTY_CHARS), maxLength: 12 }),
  fc.constantFrom('', 'Object', 'system / Context', '(GC roots)', 'a'.repeat(300)),
);

/** An unknown section's value: nested arrays and objects holding the nastiest strings. */
const unknownValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    anyString,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(true, false, null, -0, 1e300, -2.5e-300),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(anyString, tie('value'), { maxKeys: 3 }),
  ),
})).value;

// ---------------------------------------------------------------------------------------------
// The model

export interface NodeModel {
  type: number;
  name: number;
  id: number;
  selfSize: number;
  detachedness: number;
  traceId: number;
  edges: { type: number; name: number; to: number }[];
  location: { scriptId: number; line: number; column: number; extra: number } | null;
}

export interface SnapshotModel {
  nodes: NodeModel[];
  strings: string[];
  withTrace: boolean;
  /** Node fields in the order the header lists them. */
  nodeFields: string[];
  edgeFields: string[];
  /** undefined: no locations section; else its fields (4, or 5 with an unknown one). */
  locationFields: string[] | undefined;
  locationOrder: 'sorted' | 'reversed';
  rootOrdinal: number | undefined;
  extraSections: { name: string; value: unknown; before: number }[];
}

const BASE_NODE_FIELDS = ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'];
const LOCATION_FIELDS = ['object_index', 'script_id', 'line', 'column'];

const uint32 = fc.oneof(
  fc.nat(100),
  fc.nat({ max: UINT32_MAX }),
  fc.constantFrom(0, 1, 0x7fffffff, 0x80000000, UINT32_MAX),
);
const selfSize = fc.oneof(
  fc.constant(0),
  fc.nat(1000),
  fc.maxSafeNat().map((value) => value % (2 ** 40 + 1)),
  fc.constantFrom(2 ** 32, 2 ** 40),
);

const nodeArb: fc.Arbitrary<NodeModel> = fc.record({
  type: fc.nat(NODE_TYPES.length - 1),
  name: fc.nat(),
  id: uint32,
  selfSize,
  detachedness: fc.oneof(fc.nat(4), fc.nat(255)),
  traceId: fc.oneof(fc.constant(0), uint32),
  edges: fc.array(fc.record({ type: fc.nat(EDGE_TYPES.length - 1), name: uint32, to: fc.nat() }), {
    maxLength: 6,
  }),
  location: fc.option(fc.record({ scriptId: uint32, line: uint32, column: uint32, extra: fc.nat(1000) }), {
    freq: 2,
  }),
});

// Sections the reader does not read, so their values may be anything (trace_function_infos and
// trace_tree are read, and checked, since allocation stacks: see allocationTraces.test.ts).
const SECTION_NAMES = ['samples', 'scopes', 'a_future_section', 'x', 'nodes_too', 'strings2'];

/** Small heap graphs (1..30 nodes) in every layout variant the header can describe. */
export const snapshotModel: fc.Arbitrary<SnapshotModel> = fc
  .record({
    nodes: fc.array(nodeArb, { minLength: 1, maxLength: 30 }),
    strings: fc.array(anyString, { minLength: 1, maxLength: 20 }),
    withTrace: fc.boolean(),
    shuffleNodeFields: fc.option(fc.array(fc.nat(), { minLength: 7, maxLength: 7 }), { freq: 3 }),
    shuffleEdgeFields: fc.boolean(),
    locations: fc.constantFrom('none', 'four', 'five', 'five-shuffled'),
    locationOrder: fc.constantFrom('sorted', 'reversed'),
    root: fc.option(fc.nat(), { freq: 4 }),
    extraSections: fc.array(
      fc.record({ name: fc.constantFrom(...SECTION_NAMES), value: unknownValue, before: fc.nat() }),
      { maxLength: 2 },
    ),
  })
  .map((raw) => {
    const n = raw.nodes.length;
    const stringCount = raw.strings.length;
    const nodes = raw.nodes.map((node) => ({
      ...node,
      name: node.name % stringCount,
      edges: node.edges.map((edge) => ({
        type: edge.type,
        // Element and hidden edges carry an index; the others name a string.
        name: INDEXED_EDGE_TYPES.has(EDGE_TYPES[edge.type]) ? edge.name : edge.name % stringCount,
        to: edge.to % n,
      })),
      traceId: raw.withTrace ? node.traceId : 0,
    }));
    let nodeFields = raw.withTrace
      ? [...BASE_NODE_FIELDS]
      : BASE_NODE_FIELDS.filter((f) => f !== 'trace_node_id');
    if (raw.shuffleNodeFields) nodeFields = shuffle(nodeFields, raw.shuffleNodeFields);
    const edgeFields = raw.shuffleEdgeFields
      ? ['to_node', 'type', 'name_or_index']
      : ['type', 'name_or_index', 'to_node'];
    let locationFields: string[] | undefined;
    if (raw.locations === 'four') locationFields = [...LOCATION_FIELDS];
    if (raw.locations === 'five') locationFields = [...LOCATION_FIELDS, 'function_id'];
    if (raw.locations === 'five-shuffled')
      locationFields = ['line', 'function_id', 'column', 'object_index', 'script_id'];
    // Names must stay unique among the sections.
    const seen = new Set<string>();
    const extraSections = raw.extraSections.filter(
      (section) => !seen.has(section.name) && seen.add(section.name),
    );
    return {
      nodes,
      strings: raw.strings,
      withTrace: raw.withTrace,
      nodeFields,
      edgeFields,
      locationFields,
      locationOrder: raw.locationOrder,
      rootOrdinal: raw.root === null ? undefined : raw.root % n,
      extraSections,
    } satisfies SnapshotModel as SnapshotModel;
  });

function shuffle<T>(items: T[], keys: number[]): T[] {
  return items
    .map((item, index) => ({ item, key: keys[index] ?? 0, index }))
    .sort((a, b) => a.key - b.key || a.index - b.index)
    .map(({ item }) => item);
}

/** The snapshot JSON object of a model (sections in V8's order, unknown ones inserted). */
export function modelToJson(model: SnapshotModel): SnapshotJson {
  const W = model.nodeFields.length;
  const nodes: number[] = [];
  const edges: number[] = [];
  for (const node of model.nodes) {
    const values: Record<string, number> = {
      type: node.type,
      name: node.name,
      id: node.id,
      self_size: node.selfSize,
      edge_count: node.edges.length,
      trace_node_id: node.traceId,
      detachedness: node.detachedness,
    };
    for (const field of model.nodeFields) nodes.push(values[field]);
    for (const edge of node.edges) {
      const fields: Record<string, number> = {
        type: edge.type,
        name_or_index: edge.name,
        to_node: edge.to * W,
      };
      for (const field of model.edgeFields) edges.push(fields[field]);
    }
  }
  const meta = {
    node_fields: model.nodeFields,
    node_types: model.nodeFields.map((field) =>
      field === 'type' ? NODE_TYPES : field === 'name' ? 'string' : 'number',
    ),
    edge_fields: model.edgeFields,
    edge_types: model.edgeFields.map((field) =>
      field === 'type' ? EDGE_TYPES : field === 'name_or_index' ? 'string_or_number' : 'node',
    ),
    trace_function_info_fields: ['function_id', 'name', 'script_name', 'script_id', 'line', 'column'],
    location_fields: model.locationFields ?? LOCATION_FIELDS,
  };
  const snapshot: SnapshotJson['snapshot'] = {
    meta,
    node_count: model.nodes.length,
    edge_count: edges.length / model.edgeFields.length,
    trace_function_count: 0,
  };
  if (model.rootOrdinal !== undefined) snapshot.root_index = model.rootOrdinal * W;
  const sections: [string, unknown][] = [
    ['snapshot', snapshot],
    ['nodes', nodes],
    ['edges', edges],
  ];
  if (model.locationFields) {
    const locations: number[] = [];
    const order = model.nodes.map((_, ordinal) => ordinal);
    if (model.locationOrder === 'reversed') order.reverse();
    for (const ordinal of order) {
      const location = model.nodes[ordinal].location;
      if (!location) continue;
      const values: Record<string, number> = {
        object_index: ordinal * W,
        script_id: location.scriptId,
        line: location.line,
        column: location.column,
        function_id: location.extra,
      };
      for (const field of model.locationFields) locations.push(values[field]);
    }
    sections.push(['locations', locations]);
  }
  sections.push(['strings', model.strings]);
  for (const extra of model.extraSections) {
    sections.splice(extra.before % (sections.length + 1), 0, [extra.name, extra.value]);
  }
  return Object.fromEntries(sections) as SnapshotJson;
}

/** The graph the reader must make of a model: computed from the model, not from its JSON. */
export function expectedOfModel(model: SnapshotModel): ExpectedGraph {
  const expected: ExpectedGraph = {
    nodeType: [],
    nodeName: [],
    nodeId: [],
    nodeSelfSize: [],
    nodeDetachedness: model.nodeFields.includes('detachedness') ? [] : undefined,
    nodeTraceId: [],
    firstEdge: [0],
    edgeType: [],
    edgeNameOrIndex: [],
    edgeTarget: [],
    strings: model.strings,
    locations: [],
    rootOrdinal: model.rootOrdinal ?? 0,
  };
  for (const node of model.nodes) {
    expected.nodeType.push(node.type);
    expected.nodeName.push(node.name);
    expected.nodeId.push(node.id);
    expected.nodeSelfSize.push(node.selfSize);
    expected.nodeDetachedness?.push(node.detachedness);
    expected.nodeTraceId.push(node.traceId);
    for (const edge of node.edges) {
      expected.edgeType.push(edge.type);
      expected.edgeNameOrIndex.push(edge.name);
      expected.edgeTarget.push(edge.to);
    }
    expected.firstEdge.push(expected.edgeType.length);
  }
  if (model.locationFields) {
    const order = model.nodes.map((_, ordinal) => ordinal);
    if (model.locationOrder === 'reversed') order.reverse();
    for (const ordinal of order) {
      const location = model.nodes[ordinal].location;
      if (location) expected.locations.push([ordinal, location.scriptId, location.line, location.column]);
    }
  }
  return expected;
}

// ---------------------------------------------------------------------------------------------
// Serializing, with section ranges

export type Layout = 'one-line' | 'element-per-line' | 'v8';

export interface SectionRange {
  name: string;
  /** Byte offsets of the value's first and last byte. */
  start: number;
  end: number;
}

export interface Serialized {
  bytes: Buffer;
  sections: SectionRange[];
}

function valueText(
  key: string,
  value: unknown,
  layout: Layout,
  nodeWidth: number,
  edgeWidth: number,
): string {
  if (layout === 'one-line') return JSON.stringify(value);
  if (layout === 'element-per-line') return JSON.stringify(value, null, 1).replaceAll('\n', '\n ');
  if (key === 'nodes' || key === 'edges') {
    const width = key === 'nodes' ? nodeWidth : edgeWidth;
    const numbers = value as number[];
    const rows: string[] = [];
    for (let i = 0; i < numbers.length; i += width) rows.push(numbers.slice(i, i + width).join(','));
    return `[${rows.join('\n,')}]`;
  }
  if (key === 'strings') return `[${(value as string[]).map((s) => JSON.stringify(s)).join(',\n')}]`;
  return JSON.stringify(value);
}

/**
 * Serializes like test/helpers/rewrite.ts's serialize (V8's layout: one node per line), and says
 * where each section's value lies, so mutations can aim at a section.
 */
export function serializeSections(json: SnapshotJson, layout: Layout): Serialized {
  const nodeWidth = json.snapshot.meta.node_fields.length;
  const edgeWidth = json.snapshot.meta.edge_fields.length;
  const separator = layout === 'one-line' ? ',' : ',\n';
  const parts: Buffer[] = [];
  const sections: SectionRange[] = [];
  let offset = 0;
  const add = (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    parts.push(bytes);
    offset += bytes.length;
  };
  add(layout === 'element-per-line' ? '{\n ' : '{');
  Object.entries(json).forEach(([key, value], index) => {
    if (index > 0) add(layout === 'element-per-line' ? ',\n ' : separator);
    add(`${JSON.stringify(key)}:${layout === 'element-per-line' ? ' ' : ''}`);
    const start = offset;
    add(valueText(key, value, layout, nodeWidth, edgeWidth));
    sections.push({ name: key, start, end: offset - 1 });
  });
  add(layout === 'element-per-line' ? '\n}' : '}');
  return { bytes: Buffer.concat(parts), sections };
}

// ---------------------------------------------------------------------------------------------
// Checking a graph

/** Asserts the reader's graph holds exactly the expected nodes, edges, strings and locations. */
export function assertGraphIs(graph: HeapGraph, expected: ExpectedGraph): void {
  const n = expected.nodeType.length;
  assert.equal(graph.nodeCount, n, 'node count');
  assert.equal(graph.edgeCount, expected.edgeType.length, 'edge count');
  sameColumn(graph.nodeType, expected.nodeType, 'node types');
  sameColumn(graph.nodeName, expected.nodeName, 'node names');
  sameColumn(graph.nodeId, expected.nodeId, 'node ids');
  sameColumn(graph.nodeSelfSize, expected.nodeSelfSize, 'self sizes');
  if (expected.nodeDetachedness === undefined)
    assert.equal(graph.nodeDetachedness, undefined, 'no detachedness');
  else sameColumn(graph.nodeDetachedness ?? [], expected.nodeDetachedness, 'detachedness');
  sameColumn(graph.nodeTraceId ?? new Array(n).fill(0), expected.nodeTraceId, 'trace node ids');
  sameColumn(graph.firstEdge, expected.firstEdge, 'first edges');
  sameColumn(graph.edgeType, expected.edgeType, 'edge types');
  sameColumn(graph.edgeNameOrIndex, expected.edgeNameOrIndex, 'edge names');
  sameColumn(graph.edgeTarget, expected.edgeTarget, 'edge targets');
  assert.equal(graph.strings.count, expected.strings.length, 'string count');
  for (let i = 0; i < expected.strings.length; i++) {
    const actual = graph.strings.get(i);
    if (actual !== expected.strings[i]) {
      assert.fail(
        `string ${i}: read ${JSON.stringify(actual)}, expected ${JSON.stringify(expected.strings[i])}`,
      );
    }
  }
  assert.equal(graph.rootOrdinal, expected.rootOrdinal, 'root');
  assert.equal(graph.locationCount, expected.locations.length, 'location count');
  const entries = new Map<number, [number, number, number][]>();
  for (const [node, ...rest] of expected.locations) {
    const list = entries.get(node);
    if (list) list.push(rest);
    else entries.set(node, [rest]);
  }
  // location() scans every entry when they are not in node order (real V8 files are not): check
  // the nodes with one, and a sample of the others.
  const stride = Math.max(1, Math.floor(n / 200));
  for (let node = 0; node < n; node++) {
    if (node % stride !== 0 && !entries.has(node)) continue;
    const location = graph.location(node);
    const want = entries.get(node);
    // With two entries for one node (only in mutated input), either may be found.
    const found =
      want === undefined
        ? location === undefined
        : location !== undefined &&
          want.some(([s, l, c]) => location.scriptId === s && location.line === l && location.column === c);
    if (!found)
      assert.fail(
        `location of node ${node}: read ${JSON.stringify(location)}, expected ${JSON.stringify(want)}`,
      );
  }
}

/** Element by element (deepEqual on a typed array of 200,000 is slow), naming the first difference. */
function sameColumn(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++)
    if (actual[i] !== expected[i]) assert.fail(`${what}[${i}]: read ${actual[i]}, expected ${expected[i]}`);
}

/** What any graph the reader returns must satisfy, whatever the input was. */
export function assertGraphConsistent(graph: HeapGraph): void {
  const { nodeCount, edgeCount, firstEdge } = graph;
  const check = (ok: boolean, what: string) => {
    if (!ok) assert.fail(what);
  };
  check(nodeCount >= 1, 'a root');
  check(graph.rootOrdinal < nodeCount, 'root in range');
  check(firstEdge.length === nodeCount + 1 && firstEdge[0] === 0, 'first edges');
  check(firstEdge[nodeCount] === edgeCount, 'first edges end at the edge count');
  const nodeTypes = graph.header.nodeTypes.length;
  const edgeTypes = graph.header.edgeTypes.length;
  const strings = graph.strings.count;
  for (let i = 0; i < nodeCount; i++) {
    check(firstEdge[i] <= firstEdge[i + 1], 'first edges ascend');
    check(graph.nodeType[i] < nodeTypes, 'node type listed');
    check(graph.nodeName[i] < strings, 'node name in strings');
    if (i < 200) graph.location(i);
  }
  for (let e = 0; e < edgeCount; e++) {
    check(graph.edgeTarget[e] < nodeCount, 'edge target in range');
    check(graph.edgeType[e] < edgeTypes, 'edge type listed');
    if (!graph.edgeHasIndex(e)) check(graph.edgeNameOrIndex[e] < strings, 'edge name in strings');
  }
  for (let i = 0; i < strings; i++) graph.strings.get(i);
}

// ---------------------------------------------------------------------------------------------
// A reference reader, from JSON.parse's result: the reader's rules, written the slow, obvious way.

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function wholeNumbers(value: unknown, signed = false): value is number[] {
  return (
    Array.isArray(value) &&
    value.every(
      (v) =>
        typeof v === 'number' &&
        Number.isInteger(v) &&
        (signed || (v >= 0 && !Object.is(v, -0))) &&
        Math.abs(v) < 1e15,
    )
  );
}

/** The graph a snapshot JSON value describes, or why the reader must refuse it. */
export function referenceRead(json: unknown): ExpectedGraph | string {
  if (!isRecord(json)) return 'not an object';
  const keys = Object.keys(json);
  if (!keys.includes('snapshot')) return 'no header';
  const header = parseHeader(json.snapshot);
  if (typeof header === 'string') return header;
  const headerAt = keys.indexOf('snapshot');
  for (const section of ['nodes', 'edges', 'locations'])
    if (keys.includes(section) && keys.indexOf(section) < headerAt) return `${section} before the header`;
  // Locations may be negative (Node 24 writes line -1 for code compiled with a negative offset).
  for (const section of ['nodes', 'edges', 'locations'])
    if (keys.includes(section) && !wholeNumbers(json[section], section === 'locations'))
      return `${section} not whole numbers`;
  if (!keys.includes('nodes') || !keys.includes('edges')) return 'missing nodes or edges';
  if (!Array.isArray(json.strings) || !json.strings.every((s) => typeof s === 'string')) return 'bad strings';
  const strings = json.strings as string[];
  const nodes = json.nodes as number[];
  const edges = json.edges as number[];
  const W = header.nodeFields.length;
  const EW = header.edgeFields.length;
  const at = (field: string) => header.nodeFields.indexOf(field);
  const expected: ExpectedGraph = {
    nodeType: [],
    nodeName: [],
    nodeId: [],
    nodeSelfSize: [],
    nodeDetachedness: at('detachedness') === -1 ? undefined : [],
    nodeTraceId: [],
    firstEdge: [0],
    edgeType: [],
    edgeNameOrIndex: [],
    edgeTarget: [],
    strings,
    locations: [],
    rootOrdinal: header.rootIndex / W,
  };
  if (nodes.length !== header.nodeCount * W) return 'node count';
  let edgeTotal = 0;
  for (let i = 0; i < nodes.length; i += W) {
    const type = nodes[i + at('type')];
    const name = nodes[i + at('name')];
    const id = nodes[i + at('id')];
    if (type >= header.nodeTypes.length) return 'node type';
    if (id > UINT32_MAX || name > UINT32_MAX || name >= strings.length) return 'node id or name';
    edgeTotal += nodes[i + at('edge_count')];
    if (edgeTotal > UINT32_MAX) return 'edge total';
    const trace = at('trace_node_id') === -1 ? 0 : nodes[i + at('trace_node_id')];
    if (trace > UINT32_MAX) return 'trace id';
    expected.nodeType.push(type);
    expected.nodeName.push(name);
    expected.nodeId.push(id);
    expected.nodeSelfSize.push(nodes[i + at('self_size')]);
    expected.nodeDetachedness?.push(Math.min(nodes[i + at('detachedness')], 255));
    expected.nodeTraceId.push(trace);
    expected.firstEdge.push(edgeTotal);
  }
  if (edgeTotal !== header.edgeCount) return 'edge counts';
  if (edges.length !== header.edgeCount * EW) return 'edge count';
  const typeAt = header.edgeFields.indexOf('type');
  const nameAt = header.edgeFields.indexOf('name_or_index');
  const toAt = header.edgeFields.indexOf('to_node');
  for (let i = 0; i < edges.length; i += EW) {
    const type = edges[i + typeAt];
    const name = edges[i + nameAt];
    const to = edges[i + toAt];
    if (type >= header.edgeTypes.length || name > UINT32_MAX) return 'edge type or name';
    if (to % W !== 0 || to >= header.nodeCount * W) return 'edge target';
    if (!INDEXED_EDGE_TYPES.has(header.edgeTypes[type]) && name >= strings.length) return 'edge name';
    expected.edgeType.push(type);
    expected.edgeNameOrIndex.push(name);
    expected.edgeTarget.push(to / W);
  }
  if (keys.includes('locations')) {
    const fields = header.locationFields;
    const width = Math.max(1, fields.length);
    const locations = json.locations as number[];
    const objectAt = fields.indexOf('object_index');
    if (objectAt !== -1) {
      if (locations.length % width !== 0) return 'locations';
      const field = (i: number, name: string) =>
        fields.indexOf(name) === -1 ? 0 : locations[i + fields.indexOf(name)];
      for (let i = 0; i < locations.length; i += width) {
        const object = locations[i + objectAt];
        if (object < 0 || object % W !== 0 || object >= header.nodeCount * W) return 'location object';
        const rest = [field(i, 'script_id'), field(i, 'line'), field(i, 'column')];
        if (rest.some((value) => value > UINT32_MAX) || rest[0] < 0) return 'location number';
        // A line or column before the script's start reads as its first.
        expected.locations.push([object / W + 0, rest[0] + 0, Math.max(0, rest[1]), Math.max(0, rest[2])]);
      }
    }
  }
  return expected;
}

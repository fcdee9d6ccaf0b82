import assert from 'node:assert/strict';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { after, describe, it } from 'node:test';
import { constants, createGzip, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { SnapshotFormatError } from '../../src/snapshot/errors.js';
import type { HeapGraph } from '../../src/snapshot/heapGraph.js';
import { readSnapshot } from '../../src/snapshot/readSnapshot.js';
import { heapdot } from '../helpers/cli.js';
import {
  assertGraphConsistent,
  assertGraphIs,
  type ExpectedGraph,
  type Layout,
  modelToJson,
  referenceRead,
  type Serialized,
  serializeSections,
  snapshotModel,
} from '../helpers/randomSnapshot.js';
import { loadJson, type SnapshotJson } from '../helpers/rewrite.js';
import { shapedSnapshot } from '../helpers/snapshots.js';

/**
 * Mutation tests of the reader: snapshots (random small ones, and a real one) cut, corrupted,
 * re-separated, with odd numbers, lying headers, byte order marks, CRLF and deep nesting. Each
 * must either read to the graph its JSON describes, or be refused with a SnapshotFormatError
 * (through the CLI: exit status 2, one line on stderr naming the file, no stack trace), in
 * bounded time and memory.
 *
 * The oracle: when JSON.parse can read the mutated text, a slow reference reader of the parsed
 * value (test/helpers/randomSnapshot.ts) says which graph the reader must make, or that it must
 * refuse. When JSON.parse cannot, the reader may still accept (it does not validate what it
 * skips), but what it returns must be a consistent graph.
 */

const RUNS = Number(process.env.HEAPDOT_FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.HEAPDOT_FUZZ_SEED ?? 0x6d757461);
const TIME_LIMIT_MS = 5000;
const directory = mkdtempSync(join(tmpdir(), 'heapdot-mutation-'));
after(() => rmSync(directory, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------
// Mutations

const SEPARATORS = new Set([...',:[]{}" \n'].map((c) => c.charCodeAt(0)));
const INTERESTING_BYTES = [...',:[]{}"\\ \n\r\t0123456789-.eE+ntf']
  .map((c) => c.charCodeAt(0))
  .concat([0, 0x7f, 0x80, 0xc3, 0xef, 0xff]);

/** Number literals the scanner must refuse or take for exactly what they are. */
const ODD_NUMBERS = [
  '0',
  '4294967295',
  '4294967296',
  '9007199254740993',
  '999999999999999',
  '1000000000000000',
  '18446744073709551616',
  `1${'0'.repeat(400)}`,
  '-1',
  '-0',
  '1.5',
  '0.0',
  '1e3',
  '1E3',
  '1e+3',
  '5e-1',
  '+1',
  '0x10',
  'NaN',
  'Infinity',
  '01',
  '',
  '1 2',
  '"1"',
  'null',
];

type Mutation =
  | { kind: 'cut'; section: number; at: number }
  | { kind: 'flip'; section: number; at: number; byte: number }
  | { kind: 'drop' | 'double'; section: number; nth: number }
  | { kind: 'number'; section: number; nth: number; literal: string }
  | { kind: 'insert'; section: number; at: number; text: string }
  | { kind: 'bom-start' | 'crlf' | 'cr' }
  | { kind: 'bom-inside'; section: number; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), section: fc.nat(), at: fc.nat() }),
  fc.record({
    kind: fc.constant('flip' as const),
    section: fc.nat(),
    at: fc.nat(),
    byte: fc.oneof(fc.nat(255), fc.constantFrom(...INTERESTING_BYTES)),
  }),
  fc.record({ kind: fc.constantFrom('drop' as const, 'double' as const), section: fc.nat(), nth: fc.nat() }),
  fc.record({
    kind: fc.constant('number' as const),
    section: fc.nat(),
    nth: fc.nat(),
    literal: fc.constantFrom(...ODD_NUMBERS),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    section: fc.nat(),
    at: fc.nat(),
    text: fc.oneof(
      fc.constantFrom('[', ']', '{', '}', ',', '"', '\\', ':', '\uFEFF', '\r\n', '0', '"x":1,'),
      fc.string({ maxLength: 4 }),
    ),
  }),
  fc.record({ kind: fc.constantFrom('bom-start' as const, 'crlf' as const, 'cr' as const) }),
  fc.record({ kind: fc.constant('bom-inside' as const), section: fc.nat(), at: fc.nat() }),
);

/** The byte range a mutation aims at: one section's value, or (past the last section) the whole text. */
function range(input: Serialized, section: number): [number, number] {
  const index = section % (input.sections.length + 1);
  if (index === input.sections.length) return [0, input.bytes.length - 1];
  const { start, end } = input.sections[index];
  return [start, end];
}

function splice(bytes: Buffer, at: number, remove: number, insert: Uint8Array | string): Buffer {
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(insert), bytes.subarray(at + remove)]);
}

function positionsIn(
  bytes: Buffer,
  [start, end]: [number, number],
  match: (byte: number) => boolean,
): number[] {
  const found: number[] = [];
  for (let i = start; i <= end; i++) if (match(bytes[i])) found.push(i);
  return found;
}

/** Applies a mutation; `mustRefuse` is true when no reading of the result can be right. */
function mutate(input: Serialized, m: Mutation): { bytes: Buffer; mustRefuse: boolean; sameGraph: boolean } {
  const bytes = input.bytes;
  const pick = (r: [number, number], at: number) => r[0] + (at % (r[1] - r[0] + 1));
  switch (m.kind) {
    case 'cut': {
      const at = pick(range(input, m.section), m.at);
      // Cut before the closing brace (the last byte): never a whole snapshot.
      return { bytes: bytes.subarray(0, at), mustRefuse: true, sameGraph: false };
    }
    case 'flip': {
      const at = pick(range(input, m.section), m.at);
      const out = Buffer.from(bytes);
      out[at] = m.byte;
      return { bytes: out, mustRefuse: false, sameGraph: m.byte === bytes[at] };
    }
    case 'drop':
    case 'double': {
      const r = range(input, m.section);
      const candidates = positionsIn(bytes, r, (byte) => SEPARATORS.has(byte));
      if (candidates.length === 0) return { bytes, mustRefuse: false, sameGraph: true };
      const at = candidates[m.nth % candidates.length];
      const out =
        m.kind === 'drop' ? splice(bytes, at, 1, '') : splice(bytes, at, 0, bytes.subarray(at, at + 1));
      return { bytes: out, mustRefuse: false, sameGraph: false };
    }
    case 'number': {
      const numberSections = input.sections.filter((s) => ['nodes', 'edges', 'locations'].includes(s.name));
      const section = numberSections[m.section % numberSections.length];
      const text = bytes.toString('latin1', section.start, section.end + 1);
      const numbers = [...text.matchAll(/\d+/g)];
      if (numbers.length === 0) return { bytes, mustRefuse: false, sameGraph: true };
      const chosen = numbers[m.nth % numbers.length];
      const at = section.start + chosen.index!;
      return { bytes: splice(bytes, at, chosen[0].length, m.literal), mustRefuse: false, sameGraph: false };
    }
    case 'insert': {
      const at = pick(range(input, m.section), m.at);
      return { bytes: splice(bytes, at, 0, m.text), mustRefuse: false, sameGraph: false };
    }
    case 'bom-start':
      return {
        bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]),
        mustRefuse: false,
        sameGraph: true,
      };
    case 'crlf':
    case 'cr':
      // JSON text holds line ends only as white space between tokens.
      return {
        bytes: Buffer.from(
          bytes.toString('latin1').replaceAll('\n', m.kind === 'crlf' ? '\r\n' : '\r'),
          'latin1',
        ),
        mustRefuse: false,
        sameGraph: true,
      };
    case 'bom-inside': {
      const at = 1 + (m.at % (bytes.length - 1));
      return { bytes: splice(bytes, at, 0, '\uFEFF'), mustRefuse: false, sameGraph: false };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The oracle

interface Outcome {
  graph?: HeapGraph;
  error?: SnapshotFormatError;
  /** The reference reader's verdict, when JSON.parse could read the input. */
  reference?: ExpectedGraph | string;
}

/** What the reader refuses and JSON.parse does not: text forms of numbers, twice the same key, deep nesting. */
const REFUSALS_JSON_PARSE_CANNOT_SEE =
  /^(a negative number|a fractional number|a number with an exponent|the section ".*" appears twice|the section nests too deeply)$/s;

function show(bytes: Buffer): string {
  const text = JSON.stringify(bytes.toString('latin1'));
  return text.length > 600 ? `${text.slice(0, 300)} … ${text.slice(-300)} (${bytes.length} bytes)` : text;
}

/** Reads `bytes` (from a stream, or from a file) and checks the outcome against the reference. */
async function judge(
  bytes: Buffer,
  how: { file?: string; chunk?: number; parallel?: boolean } = {},
): Promise<Outcome> {
  const name = how.file ?? '<mutated>';
  const started = performance.now();
  const outcome: Outcome = {};
  try {
    if (how.file) {
      writeFileSync(how.file, bytes);
      outcome.graph = await readSnapshot(how.file, { parallelFrom: how.parallel ? 0 : undefined });
    } else {
      const chunk = how.chunk ?? 1 << 16;
      const chunks: Buffer[] = [];
      for (let at = 0; at < bytes.length; at += chunk) chunks.push(bytes.subarray(at, at + chunk));
      outcome.graph = await readSnapshot(Readable.from(chunks), { name });
    }
  } catch (error) {
    if (!(error instanceof SnapshotFormatError)) {
      assert.fail(`not a SnapshotFormatError on ${show(bytes)}:\n${(error as Error)?.stack ?? error}`);
    }
    outcome.error = error;
  }
  const elapsed = performance.now() - started;
  assert.ok(elapsed < TIME_LIMIT_MS, `took ${elapsed.toFixed(0)} ms on ${show(bytes)}`);
  if (outcome.error) {
    assert.ok(outcome.error.message.startsWith(`${name}: `), `names the file: ${outcome.error.message}`);
    assert.doesNotMatch(outcome.error.message, /[\n\r]/, `one line on ${show(bytes)}`);
  }
  let parsed: unknown;
  let parses = true;
  try {
    let text = bytes.toString('utf8');
    if (text.startsWith('\uFEFF')) text = text.slice(1);
    parsed = JSON.parse(text);
  } catch {
    parses = false;
  }
  if (parses) outcome.reference = referenceRead(parsed);
  const reference = outcome.reference;
  if (outcome.graph) {
    assertGraphConsistent(outcome.graph);
    if (typeof reference === 'string')
      assert.fail(`read what must be refused (${reference}): ${show(bytes)}`);
    if (reference) assertGraphIs(outcome.graph, reference);
  } else if (reference !== undefined && typeof reference !== 'string') {
    // JSON.parse reads 1e3, 1.0 and -0 as whole numbers and keeps the last of two keys; the reader refuses them.
    assert.match(
      outcome.error!.problem,
      REFUSALS_JSON_PARSE_CANNOT_SEE,
      `refused a valid snapshot: ${outcome.error!.message} on ${show(bytes)}`,
    );
  }
  return outcome;
}

/** The CLI's error contract: exit status 2, one stderr line naming the file, no stack trace. */
async function assertCliRefuses(path: string): Promise<void> {
  const run = await heapdot(['info', path, '--no-progress']);
  assert.equal(run.code, 2, `exit status: ${run.stderr}`);
  assert.equal(run.stdout, '');
  const lines = run.stderr.split('\n');
  assert.equal(lines.length, 2, `one line on stderr: ${JSON.stringify(run.stderr)}`);
  assert.equal(lines[1], '');
  assert.ok(lines[0].includes(path), `names the file: ${lines[0]}`);
  assert.doesNotMatch(run.stderr, /\bat .*:\d+:\d+/, 'no stack trace');
  // Nothing from the file reaches the terminal raw: no escape sequences, no carriage returns.
  const control = [...lines[0]].find((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  assert.equal(control, undefined, `no control characters: ${JSON.stringify(run.stderr)}`);
}

// ---------------------------------------------------------------------------------------------

const layout = fc.constantFrom<Layout>('v8', 'one-line', 'element-per-line');
const options = (runs: number): fc.Parameters<unknown> => ({
  numRuns: runs,
  seed: SEED,
  // Shrinking a failure can take minutes: report the smallest found by then.
  interruptAfterTimeLimit: 90_000,
  markInterruptAsFailure: true,
});

describe('mutated random snapshots are read right or refused with one line', () => {
  it(`cut, flipped, re-separated, odd numbers, BOM, CRLF (${RUNS} cases)`, async () => {
    let refused = 0;
    let cli = 0;
    await fc.assert(
      fc.asyncProperty(snapshotModel, layout, mutation, fc.nat(), async (model, chosenLayout, m, salt) => {
        const input = serializeSections(modelToJson(model), chosenLayout);
        const { bytes, mustRefuse, sameGraph } = mutate(input, m);
        // Streams in odd chunk sizes, or files (which take the header's counts as array sizes).
        const how =
          salt % 3 === 0 ? { file: join(directory, 'mutated.heapsnapshot') } : { chunk: 1 + (salt % 97) };
        const outcome = await judge(bytes, how);
        if (mustRefuse) assert.ok(outcome.error, `read a cut snapshot: ${show(bytes)}`);
        if (sameGraph) assert.ok(outcome.graph, `refused ${show(bytes)}: ${outcome.error?.message}`);
        if (outcome.error) {
          refused++;
          // A sample through the CLI.
          if (refused % 25 === 0) {
            cli++;
            const path = join(directory, 'cli.heapsnapshot');
            writeFileSync(path, bytes);
            await assertCliRefuses(path);
          }
        }
      }),
      options(RUNS),
    );
    assert.ok(refused > RUNS / 4 && cli > 0, `${refused} refused, ${cli} through the CLI`);
  });

  it('read on two threads (edges in a worker), mutated in the nodes or edges', async () => {
    await fc.assert(
      fc.asyncProperty(snapshotModel, layout, mutation, async (model, chosenLayout, m) => {
        const input = serializeSections(modelToJson(model), chosenLayout);
        // Aim at the nodes or the edges, and the bytes between them, where the worker's scan looks.
        const nodes = input.sections.findIndex((s) => s.name === 'nodes');
        const aimed = 'section' in m ? { ...m, section: nodes + (m.section % 2) } : m;
        const { bytes, mustRefuse } = mutate(input, aimed);
        const outcome = await judge(bytes, {
          file: join(directory, 'parallel.heapsnapshot'),
          parallel: true,
        });
        if (mustRefuse) assert.ok(outcome.error, `read a cut snapshot: ${show(bytes)}`);
      }),
      options(Number(process.env.HEAPDOT_FUZZ_PARALLEL_RUNS ?? 8)),
    );
  });

  it('a header that lies about counts, fields or types', async () => {
    const lie = fc.oneof(
      fc.record({ key: fc.constantFrom('node_count', 'edge_count'), delta: fc.integer({ min: -3, max: 3 }) }),
      fc.record({
        key: fc.constantFrom('node_count', 'edge_count'),
        value: fc.constantFrom(0, 2_000_000_000, 2 ** 32, -1, 1.5, '7', null),
      }),
      fc.record({
        key: fc.constantFrom('node_fields', 'edge_fields', 'location_fields'),
        op: fc.constantFrom('drop', 'add', 'swap', 'reverse'),
        at: fc.nat(),
      }),
      fc.record({
        key: fc.constantFrom('node_types', 'edge_types'),
        op: fc.constantFrom('truncate', 'empty', 'not-a-list', 'too-many'),
        at: fc.nat(),
      }),
      fc.record({ key: fc.constant('root_index'), value: fc.constantFrom(1, 7, 14, 2 ** 31, -7, 'x') }),
    );
    await fc.assert(
      fc.asyncProperty(snapshotModel, layout, lie, fc.boolean(), async (model, chosenLayout, l, fromFile) => {
        const json = modelToJson(model);
        applyLie(json, l);
        const bytes = serializeSections(json, chosenLayout).bytes;
        const outcome = await judge(
          bytes,
          fromFile ? { file: join(directory, 'lie.heapsnapshot') } : { chunk: 61 },
        );
        assert.ok(outcome.reference !== undefined, 'the reference reads every lie');
      }),
      options(Math.ceil(RUNS / 6)),
    );
  });
});

type Lie =
  | { key: 'node_count' | 'edge_count'; delta: number }
  | { key: 'node_count' | 'edge_count' | 'root_index'; value: unknown }
  | {
      key: 'node_fields' | 'edge_fields' | 'location_fields';
      op: 'drop' | 'add' | 'swap' | 'reverse';
      at: number;
    }
  | { key: 'node_types' | 'edge_types'; op: 'truncate' | 'empty' | 'not-a-list' | 'too-many'; at: number };

function applyLie(json: SnapshotJson, lie: Lie): void {
  const header = json.snapshot as Record<string, unknown>;
  const meta = json.snapshot.meta as Record<string, unknown>;
  if ('delta' in lie) {
    header[lie.key] = (header[lie.key] as number) + lie.delta;
  } else if ('value' in lie) {
    header[lie.key] = lie.value;
  } else if (lie.key === 'node_types' || lie.key === 'edge_types') {
    const fieldKey = lie.key === 'node_types' ? 'node_fields' : 'edge_fields';
    const types = [...(meta[lie.key] as unknown[])];
    const at = (meta[fieldKey] as string[]).indexOf('type');
    const list = types[at] as string[];
    if (lie.op === 'truncate') types[at] = list.slice(0, lie.at % list.length);
    if (lie.op === 'empty') types[at] = [];
    if (lie.op === 'not-a-list') types[at] = 'string';
    if (lie.op === 'too-many') types[at] = Array.from({ length: 257 }, (_, i) => `t${i}`);
    meta[lie.key] = types;
  } else {
    const fields = [...((meta[lie.key] as string[] | undefined) ?? [])];
    const at = lie.at % Math.max(1, fields.length);
    if (lie.op === 'drop') fields.splice(at, 1);
    if (lie.op === 'add') fields.splice(at, 0, 'extra_field');
    if (lie.op === 'swap' && fields.length > 1) [fields[0], fields[at]] = [fields[at], fields[0]];
    if (lie.op === 'reverse') fields.reverse();
    meta[lie.key] = fields;
    // node_types stays parallel to node_fields only when the lie keeps it so: that is the lie.
  }
}

describe('mutations of a real Node snapshot', async () => {
  const original = shapedSnapshot('shaped-heap.mjs');
  const json = loadJson(original);
  const input = serializeSections(json, 'v8');
  const expected = referenceRead(json);
  assert.ok(typeof expected !== 'string', 'the reference reads the real snapshot');

  it('reads to the same graph as the reference', async () => {
    assertGraphIs(await readSnapshot(original), expected as ExpectedGraph);
  });

  it('cut in every section, flipped, re-separated, odd numbers (a few dozen cases)', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const { bytes, mustRefuse, sameGraph } = mutate(input, m);
        const outcome = await judge(bytes, { file: join(directory, 'real.heapsnapshot') });
        if (mustRefuse) assert.ok(outcome.error, 'read a cut snapshot');
        if (sameGraph) assertGraphIs(outcome.graph!, expected as ExpectedGraph);
      }),
      { ...options(Number(process.env.HEAPDOT_FUZZ_REAL_RUNS ?? 20)), seed: SEED + 1 },
    );
  });

  it('cut at an offset in each section, through the CLI', async () => {
    const path = join(directory, 'real-cut.heapsnapshot');
    for (const section of input.sections) {
      writeFileSync(path, input.bytes.subarray(0, Math.floor((section.start + section.end) / 2)));
      await assertCliRefuses(path);
    }
  });
});

// ---------------------------------------------------------------------------------------------

/** A valid small snapshot, as text, with room for an unknown section. */
function small(extra = ''): string {
  const json = modelToJson(fc.sample(snapshotModel, { numRuns: 1, seed: 7 })[0]);
  const text = JSON.stringify(json);
  return extra ? `${text.slice(0, -1)},${extra}}` : text;
}

describe('targeted cases: deep nesting, huge claims, one-line errors, gzip', () => {
  it('a header that is not JSON, written over several lines, is refused with one line', async () => {
    // JSON.parse's message quotes the text around the error, line breaks and all.
    const text = small().replace('"node_count":', '\n"node_count":\n\n x,');
    const outcome = await judge(Buffer.from(text));
    assert.equal(outcome.error?.code, 'BAD_HEADER');
    const path = join(directory, 'header-lines.heapsnapshot');
    writeFileSync(path, text);
    await assertCliRefuses(path);
  });

  it('a section name holding a line break or a terminal escape is refused with one line', async () => {
    for (const key of ['a\nb', 'a\rb', '\u001b[2J']) {
      // The name as raw bytes, as a hand edit would leave it (JSON itself would escape them).
      const text = small(`"${key}": ?`);
      const outcome = await judge(Buffer.from(text));
      assert.equal(outcome.error?.code, 'BAD_JSON');
      const path = join(directory, 'key-lines.heapsnapshot');
      writeFileSync(path, text);
      await assertCliRefuses(path);
    }
  });

  it('an unknown section nested 99,999 deep is skipped; 200,000 deep is refused at once', async () => {
    const ok = await judge(Buffer.from(small(`"deep":${'['.repeat(99_999)}${']'.repeat(99_999)}`)));
    assert.ok(ok.graph);
    const objects = await judge(Buffer.from(small(`"deep":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`)));
    assert.ok(objects.graph);
    for (const deep of [
      `"deep":${'['.repeat(200_000)}${']'.repeat(200_000)}`,
      `"deep":${'['.repeat(200_000)}`,
      `"deep":${'[{"a":'.repeat(100_000)}`,
    ]) {
      const outcome = await judge(Buffer.from(small(deep)), { chunk: 4096 });
      assert.equal(outcome.error?.code, 'BAD_JSON');
      assert.match(outcome.error!.message, /nests too deeply/);
    }
    const path = join(directory, 'deep.heapsnapshot');
    writeFileSync(path, small(`"deep":${'['.repeat(200_000)}`));
    await assertCliRefuses(path);
  });

  it('a header nested deeply, and nesting where numbers or strings belong', async () => {
    const text = small();
    for (const bytes of [
      text.replace('"meta":{', `"deep":${'['.repeat(200_000)}${']'.repeat(200_000)},"meta":{`),
      text.replace('"meta":{', `"deep":${'['.repeat(50_000)}${']'.repeat(50_000)},"meta":{`),
      text.replace('"nodes":[', `"nodes":${'['.repeat(200_000)}`),
      text.replace('"strings":[', `"strings":${'['.repeat(200_000)}`),
    ]) {
      await judge(Buffer.from(bytes));
    }
  });

  it('a 1 KB input that claims two billion nodes fails at once, without allocating for them', async () => {
    const json = modelToJson(fc.sample(snapshotModel, { numRuns: 1, seed: 3 })[0]);
    json.snapshot.node_count = 2_000_000_000;
    json.snapshot.edge_count = 2_000_000_000;
    const text = `{"snapshot":${JSON.stringify(json.snapshot)},"nodes":[0,1,2,3,4,5,6,0,1,2,3,4,5,6`;
    const path = join(directory, 'claims.heapsnapshot');
    const gzipPath = join(directory, 'claims.heapsnapshot.gz');
    writeFileSync(path, text);
    writeFileSync(gzipPath, gzipSync(text));
    assert.ok(statSync(path).size < 1024);
    const before = process.memoryUsage();
    const started = performance.now();
    for (const source of [path, gzipPath, () => Readable.from([Buffer.from(text)])]) {
      await assert.rejects(
        readSnapshot(typeof source === 'function' ? source() : source),
        SnapshotFormatError,
      );
    }
    const after = process.memoryUsage();
    assert.ok(performance.now() - started < 1000, 'at once');
    // Two billion nodes would be ~42 GB of columns; growing arrays start at 1 Mi entries.
    assert.ok(
      after.arrayBuffers - before.arrayBuffers < 256 * 1024 * 1024,
      'no arrays of two billion entries',
    );
    await assertCliRefuses(path);
    await assertCliRefuses(gzipPath);
  });

  it('a gzip stream whose first chunk is one byte is still gzip', async () => {
    const text = small();
    const gzip = gzipSync(text);
    const graph = await readSnapshot(Readable.from([gzip.subarray(0, 1), gzip.subarray(1)]));
    assert.equal(graph.input.gzip, true);
    assertGraphIs(graph, referenceRead(JSON.parse(text)) as ExpectedGraph);
  });

  it('invalid and truncated gzip streams are refused with one line', async () => {
    const text = small(`"pad":${JSON.stringify('x'.repeat(5000))}`);
    const gzip = gzipSync(text);
    const path = join(directory, 'broken.heapsnapshot.gz');
    // Truncated anywhere after the magic bytes.
    for (const at of [
      2,
      3,
      10,
      11,
      20,
      gzip.length >> 1,
      gzip.length - 8,
      gzip.length - 4,
      gzip.length - 1,
    ]) {
      const outcome = await judge(gzip.subarray(0, at), { file: path });
      assert.equal(
        outcome.error?.code,
        'BAD_GZIP',
        `cut at ${at} of ${gzip.length}: ${outcome.error?.message}`,
      );
      assert.match(outcome.error!.message, /gzip/);
    }
    await assertCliRefuses(path);
    // Garbage after the magic bytes; a stream of streams.
    for (const bytes of [
      Buffer.from([0x1f, 0x8b, 0, 0, 0, 0]),
      Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from('not gzip at all, just text')]),
    ]) {
      const outcome = await judge(bytes, { file: path });
      assert.equal(outcome.error?.code, 'BAD_GZIP');
      await assertCliRefuses(path);
      const fromStream = await judge(bytes, { chunk: 3 });
      assert.equal(fromStream.error?.code, 'BAD_GZIP');
    }
  });

  it('flipped bytes in a gzip stream: read right (header bytes) or refused with one line', async () => {
    const text = small(`"pad":${JSON.stringify('x'.repeat(2000))}`);
    const gzip = gzipSync(text);
    const expected = referenceRead(JSON.parse(text)) as ExpectedGraph;
    const path = join(directory, 'flipped.heapsnapshot.gz');
    await fc.assert(
      fc.asyncProperty(
        fc.nat(gzip.length - 1),
        fc.integer({ min: 1, max: 255 }),
        fc.boolean(),
        async (at, xor, fromFile) => {
          const bytes = Buffer.from(gzip);
          bytes[at] ^= xor;
          const outcome = await judge(bytes, fromFile ? { file: path } : { chunk: 100 });
          // The CRC32 and length trailer: whatever inflates is the original text.
          if (outcome.graph && at >= 2) assertGraphIs(outcome.graph, expected);
        },
      ),
      options(Math.ceil(RUNS / 25)),
    );
  });

  it('a gzip file of 200 MB of white space is read streaming, in bounded memory', async () => {
    const path = join(directory, 'spaces.heapsnapshot.gz');
    const text = small();
    const spaceChunk = Buffer.alloc(1 << 20, 0x20);
    const total = 200;
    async function* content() {
      yield Buffer.from(`${text.slice(0, -1)},"pad":[`);
      for (let i = 0; i < total; i++) yield spaceChunk;
      yield Buffer.from('"]", "}" ]}');
    }
    await pipeline(
      Readable.from(content()),
      createGzip({ level: constants.Z_BEST_COMPRESSION }),
      createWriteStream(path),
    );
    const stored = statSync(path).size;
    assert.ok(stored < 1024 * 1024, `compressed to ${stored} bytes`);
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const graph = await readSnapshot(path, {
      onProgress: () => {
        peak = Math.max(peak, process.memoryUsage().rss);
      },
    });
    assert.equal(graph.input.gzip, true);
    assert.ok(graph.input.jsonBytes > total * 1024 * 1024);
    const growth = peak - before;
    assert.ok(growth < 80 * 1024 * 1024, `RSS grew by ${(growth / 1048576).toFixed(0)} MB reading 200 MB`);
    assertGraphIs(graph, referenceRead(JSON.parse(text)) as ExpectedGraph);
  });
});

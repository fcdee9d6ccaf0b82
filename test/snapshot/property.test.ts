import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { HeapGraph } from '../../src/snapshot/heapGraph.js';
import { readSnapshot } from '../../src/snapshot/readSnapshot.js';
import {
  assertGraphIs,
  expectedOfModel,
  type Layout,
  modelToJson,
  referenceRead,
  serializeSections,
  snapshotModel,
} from '../helpers/randomSnapshot.js';

/**
 * Property tests of the reader: random small heap graphs, written in every layout the reader
 * accepts, read back (from a stream in random chunks, and from a file) to exactly the same graph.
 * HEAPDOT_FUZZ_RUNS=100000 for a long run; HEAPDOT_FUZZ_SEED to replay (fast-check prints the
 * seed and the shrunk counterexample on failure).
 */

const RUNS = Number(process.env.HEAPDOT_FUZZ_RUNS ?? 2000);
const SEED = Number(process.env.HEAPDOT_FUZZ_SEED ?? 0x4ea9d07);
const directory = mkdtempSync(join(tmpdir(), 'heapdot-property-'));
after(() => rmSync(directory, { recursive: true, force: true }));

interface Variant {
  layout: Layout;
  crlf: boolean;
  bom: boolean;
  gzip: boolean;
  source: 'stream' | 'file';
  chunkSizes: number[];
}

const variant: fc.Arbitrary<Variant> = fc.record({
  layout: fc.constantFrom<Layout>('v8', 'one-line', 'element-per-line'),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  gzip: fc.boolean(),
  source: fc.constantFrom<'stream' | 'file'>('stream', 'file'),
  // Every token split somewhere: chunk sizes from 1 byte up, cycled over the input.
  chunkSizes: fc.array(fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 4096 })), {
    minLength: 1,
    maxLength: 6,
  }),
});

function encode(model: Parameters<typeof modelToJson>[0], v: Variant): Buffer {
  let bytes = serializeSections(modelToJson(model), v.layout).bytes;
  // JSON.stringify escapes every line end inside strings, so this touches only white space.
  if (v.crlf) bytes = Buffer.from(bytes.toString('utf8').replaceAll('\n', '\r\n'), 'utf8');
  if (v.bom) bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
  if (v.gzip) bytes = gzipSync(bytes, { level: 1 });
  return bytes;
}

function chunked(bytes: Buffer, sizes: number[]): Buffer[] {
  const chunks: Buffer[] = [];
  // At most ~300 chunks: tiny chunks on a big input would only make the run slow.
  const scale = Math.max(1, Math.ceil(bytes.length / 300 / (sizes.reduce((a, b) => a + b) / sizes.length)));
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length] * scale;
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

const options = (runs: number): fc.Parameters<unknown> => ({
  numRuns: runs,
  seed: SEED,
  // Shrinking a failure can take minutes: report the smallest found by then.
  interruptAfterTimeLimit: 90_000,
  markInterruptAsFailure: true,
});

describe('random heap graphs read back to the same graph', () => {
  it(`in every layout, from a stream in random chunks or from a file (${RUNS} cases)`, async () => {
    const path = join(directory, 'random.heapsnapshot');
    await fc.assert(
      fc.asyncProperty(snapshotModel, variant, async (model, v) => {
        const expected = expectedOfModel(model);
        const bytes = encode(model, v);
        // One read per case (half the cases each way): a read of even a tiny input costs a few ms.
        let graph: HeapGraph;
        if (v.source === 'stream') {
          graph = await readSnapshot(Readable.from(chunked(bytes, v.chunkSizes)));
        } else {
          writeFileSync(path, bytes);
          graph = await readSnapshot(path);
        }
        assertGraphIs(graph, expected);
        assert.equal(graph.input.gzip, v.gzip);
        for (const extra of model.extraSections) assert.ok(graph.sections.includes(extra.name));
      }),
      options(RUNS),
    );
  });

  it('the reference reader of the mutation tests agrees with the model', () => {
    fc.assert(
      fc.property(snapshotModel, (model) => {
        const json = JSON.parse(JSON.stringify(modelToJson(model)));
        assert.deepEqual(referenceRead(json), expectedOfModel(model));
      }),
      options(Math.ceil(RUNS / 4)),
    );
  });

  it('on two threads (edges in a worker) as on one', async () => {
    const path = join(directory, 'parallel.heapsnapshot');
    await fc.assert(
      fc.asyncProperty(
        snapshotModel,
        fc.constantFrom<Layout>('v8', 'one-line', 'element-per-line'),
        async (model, layout) => {
          writeFileSync(path, serializeSections(modelToJson(model), layout).bytes);
          assertGraphIs(await readSnapshot(path, { parallelFrom: 0 }), expectedOfModel(model));
        },
      ),
      options(Math.max(6, Math.ceil(RUNS / 300))),
    );
  });
});

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { heapdot, heapdotProcess } from '../helpers/cli.js';
import { loadJson, type SnapshotJson, serialize } from '../helpers/rewrite.js';
import { shapedSnapshot } from '../helpers/snapshots.js';

const original = shapedSnapshot('shaped-heap.mjs');
const directory = mkdtempSync(join(tmpdir(), 'heapdot-broken-'));
const fresh = () => loadJson(original);

function write(name: string, content: string | Uint8Array): string {
  const path = join(directory, name);
  writeFileSync(path, content);
  return path;
}

function edit(name: string, change: (json: SnapshotJson) => void): string {
  const json = fresh();
  change(json);
  return write(name, serialize(json, 'v8'));
}

/** The one-line error contract: exit status 2, one line naming the file, no stack trace. */
async function assertRefused(path: string, pattern: RegExp, section?: string) {
  const run = await heapdot(['info', path, '--no-progress']);
  assert.equal(run.code, 2, `exit status for ${path}: ${run.stderr}`);
  assert.equal(run.stdout, '');
  const lines = run.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line: ${run.stderr}`);
  assert.ok(lines[0].includes(path), `names the file: ${lines[0]}`);
  assert.match(lines[0], pattern);
  if (section) assert.match(lines[0], new RegExp(`section ${section}, byte \\d+`));
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
}

const nodeFields = fresh().snapshot.meta.node_fields.length;

describe('broken snapshots are refused with one line and exit status 2', () => {
  it('a node count that disagrees with the nodes section', async () => {
    await assertRefused(
      edit('node-count.heapsnapshot', (json) => {
        json.snapshot.node_count += 1;
      }),
      /nodes section holds \d+ numbers, but the header's \d+ nodes/,
      'nodes',
    );
  });

  it('edge counts that do not add up to the header', async () => {
    await assertRefused(
      edit('edge-counts.heapsnapshot', (json) => {
        json.nodes[4] += 1;
      }),
      /edge counts add up to \d+, but the header says \d+ edges/,
      'nodes',
    );
  });

  it('a to_node that is not a multiple of the node field count', async () => {
    await assertRefused(
      edit('to-node-multiple.heapsnapshot', (json) => {
        json.edges[2] += 1;
      }),
      new RegExp(`to_node \\d+ is not a multiple of the ${nodeFields} node fields`),
      'edges',
    );
  });

  it('a to_node past the last node', async () => {
    await assertRefused(
      edit('to-node-range.heapsnapshot', (json) => {
        json.edges[5] = json.snapshot.node_count * nodeFields;
      }),
      /to_node \d+ is past the last node/,
      'edges',
    );
  });

  it('a string index past the strings', async () => {
    await assertRefused(
      edit('string-index.heapsnapshot', (json) => {
        json.nodes[nodeFields + 1] = json.strings.length + 5;
      }),
      /node name \d+ is past the \d+ strings/,
      'nodes',
    );
  });

  for (const [label, text, pattern] of [
    ['a negative number', '-3', /a negative number/],
    ['a fractional number', '3.5', /a fractional number/],
    ['a number with an exponent', '3e5', /a number with an exponent/],
    ['a number too large', '123456789012345678901', /a number is too large/],
  ] as const) {
    it(label, async () => {
      const v8 = serialize(fresh(), 'v8');
      const at = v8.indexOf('"edges":[') + '"edges":['.length;
      const path = write(
        `${label.replaceAll(' ', '-')}.heapsnapshot`,
        `${v8.slice(0, at)}${text}${v8.slice(at + 1)}`,
      );
      await assertRefused(path, pattern, 'edges');
    });
  }

  it('a node id too large for 32 bits', async () => {
    await assertRefused(
      edit('big-id.heapsnapshot', (json) => {
        json.nodes[2] = 2 ** 40;
      }),
      /node id is too large/,
      'nodes',
    );
  });

  it('an edge name past the strings', async () => {
    await assertRefused(
      edit('edge-name.heapsnapshot', (json) => {
        const property = (json.snapshot.meta.edge_types[0] as string[]).indexOf('property');
        const width = json.snapshot.meta.edge_fields.length;
        for (let i = 0; i < json.edges.length; i += width) {
          if (json.edges[i] === property) {
            json.edges[i + 1] = json.strings.length + 3;
            break;
          }
        }
      }),
      /edge name \d+ is past the \d+ strings/,
      'edges',
    );
  });

  it('a node type and an edge type that the header does not list', async () => {
    await assertRefused(
      edit('node-type.heapsnapshot', (json) => {
        json.nodes[0] = 99;
      }),
      /node type 99 is not in meta.node_types/,
      'nodes',
    );
    await assertRefused(
      edit('edge-type.heapsnapshot', (json) => {
        json.edges[0] = 42;
      }),
      /edge type 42 is not in meta.edge_types/,
      'edges',
    );
  });

  it('a section that appears twice, and text after the end', async () => {
    const v8 = serialize(fresh(), 'v8');
    await assertRefused(
      write('twice.heapsnapshot', v8.replace('"samples":', '"strings":[],"samples":')),
      /"strings" appears twice/,
    );
    await assertRefused(
      write('trailing.heapsnapshot', `${v8}\n{}`),
      /unexpected '\{' where the end of the input was expected/,
    );
  });

  it('a value that is not JSON where an unknown section should be', async () => {
    const v8 = serialize(fresh(), 'v8');
    await assertRefused(
      write('no-value.heapsnapshot', v8.replace('"samples":[]', '"samples": ,"x":[]')),
      /unexpected ','/,
    );
  });

  it('a missing header', async () => {
    const json: Record<string, unknown> = { ...fresh() };
    delete json.snapshot;
    await assertRefused(
      write('no-header.heapsnapshot', JSON.stringify(json)),
      /comes before the snapshot header/,
    );
  });

  it('a malformed header', async () => {
    await assertRefused(
      edit('bad-header.heapsnapshot', (json) => {
        json.snapshot.meta.node_fields = json.snapshot.meta.node_fields.filter((field) => field !== 'id');
      }),
      /meta.node_fields lacks "id"/,
      'snapshot',
    );
  });

  it('a header that claims more nodes than the file can hold, before any large allocation', async () => {
    const json = fresh();
    const tiny = `{"snapshot":${JSON.stringify({ ...json.snapshot, node_count: 2_000_000_000 })},"nodes":[`;
    const started = Date.now();
    await assertRefused(
      write('liar.heapsnapshot', tiny),
      /claims 2000000000 nodes .* more than the input's \d+ bytes can hold/,
    );
    assert.ok(Date.now() - started < 2000, 'fails at once');
  });

  it('a file cut short', async () => {
    const bytes = readFileSync(original);
    await assertRefused(
      write('truncated.heapsnapshot', bytes.subarray(0, bytes.length >> 1)),
      /ends before the snapshot does/,
    );
  });

  it('a file that is not JSON', async () => {
    await assertRefused(write('text.heapsnapshot', 'hello, world\n'), /unexpected 'h' where '\{'/);
  });

  it('an empty file', async () => {
    await assertRefused(write('empty.heapsnapshot', ''), /the input is empty/);
  });

  it('a file that does not exist', async () => {
    await assertRefused(join(directory, 'missing.heapsnapshot'), /no such file/);
  });

  it('a gzip file whose header lies: refused or failed without allocating what it claims', async () => {
    const json = fresh();
    const lie = `{"snapshot":${JSON.stringify({ ...json.snapshot, node_count: 1_000_000_000 })},"nodes":[1,2,3]}`;
    await assertRefused(write('lie.heapsnapshot.gz', gzipSync(lie)), /claims 1000000000 nodes/);
    // 24 MB of incompressible padding lets a gzip file hold ~25 GB of JSON, so the claim passes the
    // bound; the arrays must still start small and grow, not take 1e9 entries on the header's word.
    const pad = randomBytes(24 * 1024 * 1024).toString('base64');
    const padded = `{"snapshot":${JSON.stringify({ ...json.snapshot, node_count: 1_000_000_000 })},"pad":"${pad}","nodes":[1,2,3]}`;
    const before = process.memoryUsage().rss;
    await assertRefused(
      write('padded-lie.heapsnapshot.gz', gzipSync(padded, { level: 1 })),
      /nodes section holds 3 numbers/,
    );
    assert.ok(process.memoryUsage().rss - before < 1024 * 1024 * 1024, 'no arrays of a billion entries');
  });

  it('a truncated gzip stream', async () => {
    const gzip = gzipSync(readFileSync(original));
    await assertRefused(
      write('truncated.heapsnapshot.gz', gzip.subarray(0, gzip.length >> 1)),
      /gzip stream is truncated/,
    );
  });

  it('corrupt gzip data', async () => {
    const gzip = Buffer.from(gzipSync(readFileSync(original)));
    gzip.fill(0x55, 100, 200);
    await assertRefused(write('corrupt.heapsnapshot.gz', gzip), /bad gzip data/);
  });

  it('the real executable: exit status 2 and one line, no stack trace', () => {
    const run = heapdotProcess(['info', join(directory, 'truncated.heapsnapshot')]);
    assert.equal(run.code, 2);
    assert.equal(run.stderr.trimEnd().split('\n').length, 1);
    assert.match(run.stderr, /^heapdot: .*truncated\.heapsnapshot: the input ends before the snapshot does/);
  });
});

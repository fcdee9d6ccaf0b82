import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'heap-snapshot-toolkit';
import { SYSTEM_DISTANCE_BASE } from '../../src/analysis/distances.js';
import { chromiumSnapshot } from '../helpers/chromiumSnapshot.js';
import { heapdot } from '../helpers/cli.js';
import { runtime } from '../helpers/runtimes.js';
import { fixturePath, shapedSnapshot } from '../helpers/snapshots.js';

/** What `find --format json` says of one node. */
interface FoundNode {
  id: number;
  className: string;
  selfSize: number;
  v8SelfSize: number;
  distance?: number;
  retainedSize: number;
  detached?: boolean;
}

/** DevTools' node accessors, from its own heap model (heap-snapshot-toolkit). */
interface DevToolsNode {
  nodeIndex: number;
  id(): number;
  className(): string;
  selfSize(): number;
}
interface DevToolsSnapshot {
  nodeCount: number;
  nodeFieldCount: number;
  nodeDistances: Int32Array;
  retainedSizes: Float64Array;
  createNode(nodeIndex: number): DevToolsNode;
}

/** DevTools' "no distance" (unreachable): heapdot leaves `distance` out. */
const DEVTOOLS_NO_DISTANCE = -5;

/**
 * Every node, through the CLI as a user gets it, against DevTools on the same file: the class name
 * (interfaces of plain objects, `Detached` DOM), the shallow size, the distance and the retained size.
 */
async function compareEveryNode(path: string): Promise<{ nodes: FoundNode[]; interfaces: number }> {
  const run = await heapdot(['find', path, '/.*/', '--format', 'json', '--limit', '100000000', '-q']);
  assert.equal(run.code, 0, run.stderr);
  const nodes = JSON.parse(run.stdout) as FoundNode[];
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const devtools = (await parse(createReadStream(path, 'utf-8'))) as unknown as DevToolsSnapshot;
  assert.equal(nodes.length, devtools.nodeCount, 'find lists every node');
  const node = devtools.createNode(0);
  const mismatches: string[] = [];
  let interfaces = 0;
  for (let ordinal = 0; ordinal < devtools.nodeCount; ordinal++) {
    node.nodeIndex = ordinal * devtools.nodeFieldCount;
    const ours = byId.get(node.id());
    const raw = devtools.nodeDistances[ordinal];
    const distance =
      raw === DEVTOOLS_NO_DISTANCE
        ? undefined
        : raw >= SYSTEM_DISTANCE_BASE
          ? raw - SYSTEM_DISTANCE_BASE
          : raw;
    const expected = {
      className: node.className(),
      selfSize: node.selfSize(),
      distance,
      retainedSize: devtools.retainedSizes[ordinal],
    };
    const actual = ours && {
      className: ours.className,
      selfSize: ours.selfSize,
      distance: ours.distance,
      retainedSize: ours.retainedSize,
    };
    if (expected.className.startsWith('{')) interfaces++;
    if (JSON.stringify(actual) !== JSON.stringify(expected) && mismatches.length < 5)
      mismatches.push(
        `@${node.id()}: heapdot ${JSON.stringify(actual)}, DevTools ${JSON.stringify(expected)}`,
      );
  }
  assert.deepEqual(mismatches, []);
  return { nodes, interfaces };
}

describe('class names, self sizes, distances and retained sizes equal DevTools on every node', () => {
  it('Node 20 with allocation tracking (7 node fields)', async () => {
    const path = shapedSnapshot('interfaces-heap.mjs', ['--track-heap-objects']);
    const { nodes, interfaces } = await compareEveryNode(path);
    assert.ok(interfaces > 400, `plain objects are named by their properties (${interfaces})`);
    const classes = new Set(nodes.map((node) => node.className));
    for (const name of ['{userId, headers, scratch}', '{digest, auditor}', '{digest, auditor, extra}'])
      assert.ok(classes.has(name), name);
    assert.ok(
      nodes.some((node) => node.selfSize !== node.v8SelfSize),
      'an owner counts the arrays it alone owns',
    );
    const found = await heapdot([
      'find',
      path,
      '{digest, auditor}',
      '--format',
      'json',
      '--limit',
      '1000',
      '-q',
    ]);
    // 60 objects, and V8's boilerplate of the literal that made them.
    const matched = (JSON.parse(found.stdout) as FoundNode[]).length;
    assert.equal(matched, nodes.filter((node) => node.className === '{digest, auditor}').length);
    assert.ok(matched >= 60, 'an interface name is a target');
  });

  it('Node 24', async () => {
    const { interfaces } = await compareEveryNode(
      shapedSnapshot('interfaces-heap.mjs', [], runtime('node24')),
    );
    assert.ok(interfaces > 400);
  });

  it('Bun', async () => {
    const { interfaces } = await compareEveryNode(shapedSnapshot('interfaces-heap.mjs', [], runtime('bun')));
    assert.ok(interfaces > 400);
  });

  it('a Chromium page with a detached DOM tree', async () => {
    const path = await chromiumSnapshot(
      '<div id="app"><p>attached <b>text</b></p></div>',
      `window.detachedTree = document.createElement('div');
       detachedTree.innerHTML = '<span>a</span><span>b</span><ul><li>1</li><li>2</li></ul>';
       const removed = document.createElement('section');
       document.body.appendChild(removed);
       removed.remove();
       window.removedSection = removed;
       window.users = [];
       for (let i = 0; i < 50; i++) users.push({ userId: i, name: 'u' + i, tags: ['x'] });`,
    );
    const { nodes } = await compareEveryNode(path);
    const detached = nodes.filter((node) => node.detached);
    const names = new Set(detached.map((node) => node.className));
    for (const name of ['Detached <div>', 'Detached <span>', 'Detached <li>', 'Detached <section>'])
      assert.ok(names.has(name), name);
    assert.ok(detached.every((node) => node.className.startsWith('Detached ')));
    assert.ok(
      nodes.some((node) => node.className === '<div>' && !node.detached),
      'the attached div is not',
    );
    const chain = await heapdot(['chain', path, 'Detached <div>', '--format', 'json', '-q']);
    assert.equal(JSON.parse(chain.stdout).target.className, 'Detached <div>');
  });
});

describe('diff and trend name plain objects after the later snapshot, as DevTools compares', () => {
  const directory = mkdtempSync(join(tmpdir(), 'heapdot-interfaces-'));
  const before = join(directory, 'before.heapsnapshot');
  const after = join(directory, 'after.heapsnapshot');
  execFileSync(process.execPath, [fixturePath('interfaces-growth.mjs'), before, after]);

  it('the earlier snapshot alone calls its one object Object', async () => {
    const rows = JSON.parse((await heapdot(['types', before, '--format', 'json', '-q'])).stdout) as {
      className: string;
    }[];
    assert.ok(!rows.some((row) => row.className === '{requestId, body}'));
  });

  // 501 and more after: V8 keeps the loop's object literal as a boilerplate of the same shape.
  it('diff: one row {requestId, body}, 1 -> 501 and more', async () => {
    const run = await heapdot(['diff', before, after, '--format', 'json', '-q']);
    assert.equal(run.code, 0, run.stderr);
    const rows = (
      JSON.parse(run.stdout) as { classes: { className: string; countBefore: number; countAfter: number }[] }
    ).classes;
    const row = rows.find((entry) => entry.className === '{requestId, body}');
    assert.equal(row?.countBefore, 1);
    assert.ok((row?.countAfter ?? 0) >= 501, `${row?.countAfter}`);
  });

  it('trend: the same row across the series', async () => {
    const run = await heapdot(['trend', before, after, '--format', 'json', '-q']);
    assert.equal(run.code, 0, run.stderr);
    const row = (
      JSON.parse(run.stdout) as { classes: { className: string; counts: number[] }[] }
    ).classes.find((entry) => entry.className === '{requestId, body}');
    assert.equal(row?.counts[0], 1);
    assert.ok((row?.counts[1] ?? 0) >= 501);
  });
});

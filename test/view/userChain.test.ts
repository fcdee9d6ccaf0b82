import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { heapdot } from '../helpers/cli.js';
import { loadJson } from '../helpers/rewrite.js';
import { shapedSnapshot } from '../helpers/snapshots.js';

/** A real node:http service, queried over loopback, with three leaks and a CommonJS registry. */
const SERVICE = shapedSnapshot('user-service/server.mjs');

interface Step {
  label: string;
  raw: boolean;
  node: { id: number; className: string; name: string };
  rawNodes: number[];
  rawEdges: number[];
}
interface UserChainJson {
  target: { id: number; className: string };
  found: boolean;
  distance: number;
  nodes: { id: number }[];
  anchor: {
    kind: string;
    name: string;
    node: { id: number; className: string };
    holderId: number;
    edge: number;
  };
  steps: Step[];
  accessPath: string;
}

async function chainOf(target: string, extra: string[] = []): Promise<UserChainJson> {
  const run = await heapdot(['chain', SERVICE, target, '--format', 'json', '--quiet', ...extra]);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout);
}

/** The snapshot's own edges section, read as V8 wrote it: [type, name_or_index, to_node] per edge. */
const snapshot = loadJson(SERVICE);
const nodeFields = snapshot.snapshot.meta.node_fields.length;
const idOffset = snapshot.snapshot.meta.node_fields.indexOf('id');
const edgeCountOffset = snapshot.snapshot.meta.node_fields.indexOf('edge_count');
const ordinalOfId = new Map<number, number>();
const firstEdge: number[] = [0];
for (let ordinal = 0; ordinal * nodeFields < snapshot.nodes.length; ordinal++) {
  ordinalOfId.set(snapshot.nodes[ordinal * nodeFields + idOffset], ordinal);
  firstEdge.push(firstEdge[ordinal] + snapshot.nodes[ordinal * nodeFields + edgeCountOffset]);
}

/** Asserts that `edge` is an edge of the node with id `from` and leads to the node with id `to`. */
function assertEdge(edge: number, from: number, to: number) {
  const source = ordinalOfId.get(from) ?? -1;
  assert.ok(
    edge >= firstEdge[source] && edge < firstEdge[source + 1],
    `edge ${edge} is not an edge of @${from}`,
  );
  const target = snapshot.edges[edge * 3 + 2] / nodeFields;
  assert.equal(
    snapshot.nodes[target * nodeFields + idOffset],
    to,
    `edge ${edge} of @${from} does not lead to @${to}`,
  );
}

/** Every step folds raw edges that exist: previous node -> rawNodes... -> the step's node. */
function assertStepsMapOntoRawEdges(chain: UserChainJson) {
  assertEdge(chain.anchor.edge, chain.anchor.holderId, chain.anchor.node.id);
  let from = chain.anchor.node.id;
  for (const step of chain.steps) {
    const ids = [from, ...step.rawNodes, step.node.id];
    assert.equal(step.rawEdges.length, ids.length - 1);
    step.rawEdges.forEach((edge, i) => {
      assertEdge(edge, ids[i], ids[i + 1]);
    });
    from = step.node.id;
  }
  assert.equal(from, chain.target.id, 'the user chain ends at the target');
}

const INTERNAL = /Timeout|TimersList|system \/ |\(array\)|\(object (elements|properties)\)/;

describe('the user view of a leaking HTTP service', () => {
  it('a listener added per request to a module-level EventEmitter: the module variable, not the unrelated timer', async () => {
    const chain = await chainOf('ConfigSession');
    const index = chain.steps[2].label;
    assert.match(index, /^\[\d\]$/);
    assert.equal(chain.accessPath, `server.mjs: configBus._events["config-change"]${index} captures session`);
    assert.deepEqual(
      { kind: chain.anchor.kind, name: chain.anchor.name, className: chain.anchor.node.className },
      { kind: 'module', name: 'server.mjs: configBus', className: 'EventEmitter' },
    );
    assert.deepEqual(
      chain.steps.map((step) => [step.label, step.node.className]),
      [
        ['._events', 'Object'],
        ['["config-change"]', 'Array'],
        [index, 'Function'],
        ['captures session', 'ConfigSession'],
      ],
    );
    // DevTools' chain goes through setInterval's timer list; the user chain names none of it.
    assert.ok(chain.nodes.length > chain.steps.length + 5);
    for (const step of chain.steps) assert.doesNotMatch(step.node.className, INTERNAL);
    assertStepsMapOntoRawEdges(chain);
  });

  it('a Map cache keyed by URL: the key is in the step, the table is folded', async () => {
    const chain = await chainOf('CachedProfile');
    assert.match(chain.accessPath, /^server\.mjs: profileCache\.get\("\/profile\?id=\d"\)$/);
    assert.equal(chain.anchor.kind, 'module');
    assert.equal(chain.anchor.node.className, 'Map');
    assert.equal(chain.steps.length, 1);
    assert.equal(chain.steps[0].rawNodes.length, 1, 'the table is folded into the step');
    assertStepsMapOntoRawEdges(chain);
  });

  it('the cached profile named by the key is the one stored under it', async () => {
    const chain = await chainOf('CachedProfile');
    const key = /id=(\d)/.exec(chain.accessPath)?.[1];
    // The fixture stores `new CachedProfile(url)`: the object's url property names the same key.
    const refs = await heapdot([
      'refs',
      SERVICE,
      `@${chain.target.id}`,
      '--format',
      'json',
      '--max-depth',
      '1',
    ]);
    assert.match(refs.stdout, new RegExp(`/profile\\?id=${key}`));
  });

  it('a setInterval closure capturing state: anchored at its timer', async () => {
    const chain = await chainOf('PollState');
    assert.equal(chain.accessPath, 'setInterval(pollChannel, 60000) captures state');
    assert.deepEqual(
      { kind: chain.anchor.kind, name: chain.anchor.name, className: chain.anchor.node.className },
      { kind: 'timer', name: 'setInterval(pollChannel, 60000)', className: 'Function' },
    );
    assert.deepEqual(
      chain.steps.map((step) => step.label),
      ['captures state'],
    );
    assertStepsMapOntoRawEdges(chain);
  });

  it('a CommonJS module variable holding instances with private fields', async () => {
    const chain = await chainOf('RegisteredUser');
    assert.match(chain.accessPath, /^sessions\.cjs: registry\[\d\]$/);
    assert.equal(chain.anchor.kind, 'module');
    assert.equal(chain.anchor.name, 'sessions.cjs: registry');
    assertStepsMapOntoRawEdges(chain);
  });

  it('--raw keeps DevTools chain and adds nothing; the default keeps the raw fields unchanged', async () => {
    const raw = await chainOf('ConfigSession', ['--raw']);
    const user = await chainOf('ConfigSession');
    assert.equal('accessPath' in raw, false);
    assert.deepEqual(user.nodes, raw.nodes);
    assert.equal(user.distance, raw.distance);
    assert.equal(raw.distance, raw.nodes.length - 1);
  });

  it('prints the access path first, then one line per step', async () => {
    const run = await heapdot(['chain', SERVICE, 'PollState', '--quiet']);
    const lines = run.stdout.split('\n');
    assert.equal(lines[0], 'setInterval(pollChannel, 60000) captures state');
    assert.match(
      lines[1],
      /^\[Function\] \(closure\) @\d+ .* pollChannel\(\) server\.mjs:\d+ {2}\(active timer /,
    );
    assert.match(
      lines[2],
      /^ {2}--captures state---> {2}\[PollState\] \(object\) @\d+ \d+ B server\.mjs:\d+$/,
    );
    assert.match(lines[3], /^\(folded 1 internal object; DevTools' chain has \d+ edges/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isV8InternalClass } from '../../src/analysis/internalClasses.js';
import { renderDot } from '../../src/output/image.js';
import { heapdot } from '../helpers/cli.js';
import { shapedSnapshot } from '../helpers/snapshots.js';
import { svgTexts } from '../render/svgText.js';

const SAMPLE = 'samples/after.heapsnapshot.gz';
const path = shapedSnapshot('dominator-heap.mjs');

interface NodeJson {
  id: number;
  className: string;
  selfSize: number;
  retainedSize: number;
}
interface SubtreeJson {
  node: NodeJson;
  children: SubtreeJson[];
  more?: { count: number; retainedSize: number };
}

describe('heapdot dominators', () => {
  it('prints the dominator chain, root first, with retained sizes', async () => {
    const run = await heapdot(['dominators', path, 'Chest', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout) as { target: NodeJson; chain: NodeJson[] };
    assert.deepEqual(
      json.chain.map((node) => node.className),
      ['(synthetic)', 'global', 'Vault', 'Chest'],
    );
    assert.ok(json.target.retainedSize >= 1_000_000);
    for (let i = 1; i < json.chain.length; i++)
      assert.ok(json.chain[i - 1].retainedSize >= json.chain[i].retainedSize);
  });

  it('with --depth, the dominated subtree, largest first, --too-many applied', async () => {
    const run = await heapdot([
      'dominators',
      SAMPLE,
      'ImageFormatError',
      '--depth',
      '2',
      '--too-many',
      '3',
      '--format',
      'json',
    ]);
    const json = JSON.parse(run.stdout) as { subtree: SubtreeJson };
    const array = json.subtree.children[0];
    assert.equal(array.node.className, 'Array');
    assert.equal(array.children.length, 3);
    assert.ok(array.children.every((child) => child.node.className === 'ImageReqWrapper'));
    assert.ok(array.more && array.more.count > 0);
    const sizes = json.subtree.children.map((child) => child.node.retainedSize);
    assert.deepEqual(
      sizes,
      [...sizes].sort((a, b) => b - a),
    );
  });

  it('draws DOT that Graphviz parses, and text', async () => {
    const dot = await heapdot(['dominators', path, 'Chest', '--depth', '1', '--format', 'dot']);
    const texts = svgTexts(
      Buffer.from(await renderDot(dot.stdout, 'svg', { dotPath: null })).toString('utf8'),
    );
    assert.ok(texts.includes('Vault') && texts.includes('Chest'));
    const text = await heapdot(['dominators', path, 'Chest', '--depth', '1']);
    assert.match(text.stdout, /dominates globalThis {2}\[global\]/);
    assert.match(text.stdout, /dominates globalThis\.vault {2}\[Vault\]/);
    assert.match(text.stdout, /what @\d+ alone keeps alive:/);
    const raw = await heapdot(['dominators', path, 'Chest', '--depth', '1', '--raw']);
    assert.match(raw.stdout, /\n {2}dominates \[Vault\]/);
  });
});

describe('retained sizes elsewhere', () => {
  it('find lists retainedSize', async () => {
    const matches = JSON.parse(
      (await heapdot(['find', path, 'Chest', '--format', 'json'])).stdout,
    ) as NodeJson[];
    assert.ok(matches[0].retainedSize >= 1_000_000);
  });

  it('--pick largest takes the match with the largest retained size', async () => {
    const all = JSON.parse(
      (await heapdot(['find', path, 'ArrayBuffer', '--format', 'json'])).stdout,
    ) as NodeJson[];
    const largest = all.reduce((best, node) => (node.retainedSize > best.retainedSize ? node : best));
    const chain = JSON.parse(
      (await heapdot(['chain', path, 'ArrayBuffer', '--pick', 'largest', '--format', 'json', '-q'])).stdout,
    );
    assert.equal(chain.target.id, largest.id);
    assert.equal(chain.target.retainedSize, largest.retainedSize);
  });

  it('--retained puts retained sizes in chain pictures; without it they are left out (faster)', async () => {
    const withSizes = await heapdot([
      'chain',
      SAMPLE,
      'ImageReqWrapper',
      '--retained',
      '--format',
      'dot',
      '-q',
    ]);
    assert.match(withSizes.stdout, /retained \d/);
    const without = await heapdot(['chain', SAMPLE, 'ImageReqWrapper', '--format', 'dot', '-q']);
    assert.doesNotMatch(without.stdout, /retained/);
  });
});

describe('progress of the dominator tree on a terminal', () => {
  it('shows the phase on standard error, clears its line, and is off with --no-progress', async () => {
    const path = shapedSnapshot('dominator-heap.mjs');
    const run = await heapdot(['dominators', path, 'Chest', '--format', 'json'], { tty: true });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /dominators 1\/5: shallow sizes +[\d.]+ s/);
    assert.ok(run.stderr.endsWith('\r\x1b[K'));
    const quiet = await heapdot(['dominators', path, 'Chest', '--format', 'json', '--no-progress'], {
      tty: true,
    });
    assert.doesNotMatch(quiet.stderr, /dominators \d\/5/);
  });
});

describe('the user view of dominators (default; --raw gives DevTools graph)', () => {
  const RULES = shapedSnapshot('user-view-rules.mjs');
  interface UserJson {
    chain: { id: number; accessPath?: string }[];
    leftOut: number;
    subtree?: SubtreeJson;
    subtreeLeftOut: number;
  }
  interface DominatorsJson {
    target: NodeJson;
    chain: NodeJson[];
    subtree?: SubtreeJson;
    user?: UserJson;
  }
  const dominatorsOf = async (id: number, ...extra: string[]) => {
    const run = await heapdot(['dominators', RULES, `@${id}`, '--format', 'json', ...extra]);
    assert.equal(run.code, 0, run.stderr);
    return JSON.parse(run.stdout) as DominatorsJson;
  };
  const walk = (tree: SubtreeJson, visit: (node: NodeJson) => void) => {
    visit(tree.node);
    for (const child of tree.children) walk(child, visit);
  };

  it("lists each dominator a user would name by the JavaScript that reaches it, and leaves V8's own out", async () => {
    const found = await heapdot(['find', RULES, 'Target', '--format', 'json']);
    const targets = JSON.parse(found.stdout) as { id: number }[];
    assert.ok(targets.length >= 10);
    let leftOut = 0;
    for (const { id } of targets) {
      const json = await dominatorsOf(id);
      const chain = JSON.parse((await heapdot(['chain', RULES, `@${id}`, '--format', 'json'])).stdout);
      const user = json.user as UserJson;
      const raw = new Map(json.chain.map((node) => [node.id, node]));
      // Root first, target last; the rest of DevTools' chain is either listed or counted.
      assert.equal(user.chain[0].id, json.chain[0].id);
      assert.equal(user.chain.at(-1)?.id, id);
      assert.equal(user.chain.length + user.leftOut, json.chain.length);
      for (const entry of user.chain.slice(1, -1)) {
        const node = raw.get(entry.id) as NodeJson;
        assert.ok(!isV8InternalClass(node.className) || entry.accessPath, `${node.className} @${node.id}`);
      }
      // Every dominator lies on every way to the target: its access path begins the target's.
      if (chain.accessPath) {
        assert.equal(user.chain.at(-1)?.accessPath, chain.accessPath);
        for (const entry of user.chain)
          if (entry.accessPath) assert.ok(chain.accessPath.startsWith(entry.accessPath), entry.accessPath);
      }
      leftOut += user.leftOut;
    }
    // The Map's table, the Set's table, the Contexts: some dominators are always V8's.
    assert.ok(leftOut > 0);
  });

  it('a subtree shows user objects only, what V8 objects dominate in their place; --raw adds nothing', async () => {
    const found = await heapdot(['find', RULES, 'Target', '--format', 'json', '--limit', '1']);
    const [{ id }] = JSON.parse(found.stdout) as { id: number }[];
    // globalThis.rules: a holder with a few children (the global object has more than --too-many).
    const rules = (await dominatorsOf(id)).user?.chain.find(
      (entry) => entry.accessPath === 'globalThis.rules',
    );
    assert.ok(rules, 'globalThis.rules dominates the Target');
    const holder = rules.id;
    const json = await dominatorsOf(holder, '--depth', '2', '--too-many', '1000');
    const user = json.user as UserJson;
    let nodes = 0;
    walk(user.subtree as SubtreeJson, (node) => {
      nodes++;
      assert.ok(!isV8InternalClass(node.className), node.className);
    });
    assert.ok(nodes > 1);
    // Each user object DevTools' subtree shows one level down is among the user view's children.
    assert.ok((json.subtree?.children.length ?? 0) < 1000, 'every child is listed');
    const userChildren = new Set(user.subtree?.children.map((child) => child.node.id));
    for (const child of json.subtree?.children ?? [])
      if (!isV8InternalClass(child.node.className)) assert.ok(userChildren.has(child.node.id));
    const raw = await dominatorsOf(holder, '--depth', '2', '--too-many', '1000', '--raw');
    assert.equal(raw.user, undefined);
    assert.deepEqual(raw.subtree, json.subtree);
    const text = await heapdot(['dominators', RULES, `@${id}`, '-q']);
    const lastPath = (await dominatorsOf(id)).user?.chain.at(-1)?.accessPath as string;
    assert.ok(text.stdout.includes(`dominates ${lastPath}  [Target]`), text.stdout);
  });
});

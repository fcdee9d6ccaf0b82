import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { heapdot } from '../helpers/cli.js';
import { shapedSnapshot } from '../helpers/snapshots.js';

// One FanTarget held by 5,000 FanHolders; one FanOut holding 5,000 FanLeafs (32 B each).
const fanout = shapedSnapshot('fanout-heap.mjs');

describe('"more" boxes say what they hold: their top classes, counts and sizes', () => {
  it('backrefs: "N more retainers: FanHolder ×4990 · …, …" in text, and the classes in JSON', async () => {
    const text = await heapdot(['backrefs', fanout, 'FanTarget', '--max-depth', '1', '--raw']);
    assert.equal(text.code, 0, text.stderr);
    // 5,000 FanHolders and a few of V8's own retainers (how many depends on the V8 that wrote
    // the snapshot), 10 of them drawn.
    const shown = /<- (\d+) more retainers: FanHolder ×4990 · [\d.]+ KiB, [^\n]+\n/.exec(text.stdout);
    assert.ok(shown, text.stdout);
    const json = JSON.parse(
      (await heapdot(['backrefs', fanout, 'FanTarget', '--max-depth', '1', '--raw', '--format', 'json']))
        .stdout,
    );
    const more = json.nodes.find((node: { more?: number }) => node.more !== undefined);
    assert.equal(more.more, Number(shown[1]));
    assert.ok(more.more > 4990);
    assert.equal(more.classes[0].className, 'FanHolder');
    assert.equal(more.classes[0].count, 4990);
    const counted = more.classes.reduce((sum: number, share: { count: number }) => sum + share.count, 0);
    assert.ok(counted <= more.more && (counted === more.more || more.otherClasses > 0));
    // Every FanHolder has the same self size: the total is the count times the one drawn.
    const drawn = json.nodes.find((node: { className?: string }) => node.className === 'FanHolder');
    assert.equal(more.classes[0].size, 4990 * drawn.selfSize);
  });

  it('refs: the DOT box lists the classes, largest count first', async () => {
    const run = await heapdot(['refs', fanout, 'FanOut', '--max-depth', '1', '--raw', '--format', 'dot']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /label = "\d+ more references\\nFanLeaf ×\d+ · [\d.]+ KiB(\\n[^"]*)?";/);
  });

  it("treemap: a rest box's tooltip and label name its largest classes by retained size", async () => {
    const run = await heapdot(['treemap', fanout, 'FanOut', '--all', '--format', 'svg']);
    assert.equal(run.code, 0, run.stderr);
    const rest =
      /<g data-kind="rest"[^>]*data-size="(\d+)"><title>(\d+) more: [^<]*; FanLeaf ×(\d+) · [^<]*<\/title>/.exec(
        run.stdout,
      );
    assert.ok(rest, run.stdout.slice(0, 3000));
    const [, , folded, leaves] = rest;
    assert.ok(Number(leaves) > 4000 && Number(leaves) <= Number(folded), rest[0]);
    assert.match(run.stdout, /fill="[^"]*">FanLeaf ×\d+ · [\d.]+ KiB<\/text>/);
  });
});

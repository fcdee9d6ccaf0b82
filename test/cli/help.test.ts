import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { heapdot } from '../helpers/cli.js';

const golden = (name: string) => new URL(`golden/${name}`, import.meta.url);

describe('heapdot --help', () => {
  for (const [args, file] of [
    [['--help'], 'help.txt'],
    [['chain', '--help'], 'help-chain.txt'],
  ] as const) {
    it(`${args.join(' ')} teaches with runnable examples and the exit statuses (pinned)`, async () => {
      const run = await heapdot([...args]);
      assert.equal(run.code, 0);
      if (process.env.UPDATE_GOLDEN) writeFileSync(golden(file), run.stdout);
      assert.equal(run.stdout, readFileSync(golden(file), 'utf8'));
      assert.match(
        run.stdout,
        /\$ heapdot chain samples\/after\.heapsnapshot\.gz ImageReqWrapper -o chain\.png/,
      );
      assert.match(run.stdout, /2 {2}bad usage or an unreadable snapshot/);
    });
  }

  it('the examples in --help run', async () => {
    const help = (await heapdot(['--help'])).stdout;
    const examples = [...help.matchAll(/^ {2}\$ heapdot (.*)$/gm)].map((match) => match[1].split(' '));
    assert.ok(examples.length >= 3);
    for (const example of examples) {
      // Those that write files are run by the chain and graphs tests.
      if (example.includes('-o') || example[0] === 'graphs') continue;
      const run = await heapdot([...example, '--quiet']);
      assert.equal(run.code, 0, `${example.join(' ')}: ${run.stderr}`);
    }
  });

  it('bad usage exits 2 with a hint', async () => {
    const run = await heapdot(['chain']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /missing required argument 'snapshot'/);
    const format = await heapdot(['chain', 'x', 'y', '--format', 'png']);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /Allowed choices are text, dot, markdown, mermaid, json/);
  });
});

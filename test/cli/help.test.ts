import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { formatFromPath } from '../../src/output/writeOutput.js';
import { BIN, heapdot } from '../helpers/cli.js';

const golden = (name: string) => new URL(`golden/${name}`, import.meta.url);

/** Every command that reads snapshots, with the forms it writes (its --format choices). */
const COMMANDS: Record<string, string[]> = {
  info: ['text', 'json'],
  chain: ['text', 'dot', 'markdown', 'mermaid', 'json'],
  backrefs: ['text', 'dot', 'json'],
  refs: ['text', 'dot', 'json'],
  graphs: [],
  dominators: ['text', 'dot', 'json'],
  paths: ['text', 'dot', 'json'],
  treemap: ['text', 'json', 'svg'],
  find: ['text', 'json'],
  types: ['text', 'json', 'csv'],
  diff: ['text', 'json', 'csv'],
  trend: ['text', 'json', 'csv', 'svg'],
  leaks: ['text', 'json'],
  check: ['text', 'markdown', 'json'],
  sites: ['text', 'json', 'csv'],
  detached: ['text', 'markdown', 'json', 'dot'],
  suspects: ['text', 'markdown', 'json'],
};
const TAKES_TARGET = ['chain', 'backrefs', 'refs', 'graphs', 'dominators', 'paths', 'treemap', 'find'];

/** The `$ heapdot ...` lines of a help text, split as a shell would (double quotes only). */
function examples(help: string): string[][] {
  return [...help.matchAll(/^ {2}\$ heapdot (.*)$/gm)].map((match) =>
    [...match[1].matchAll(/"([^"]*)"|(\S+)/g)].map((part) => part[1] ?? part[2]),
  );
}

/** Runs one help example in `folder`; it must exit 0. */
async function runExample(example: string[], folder: string): Promise<void> {
  const child = spawn(process.execPath, [BIN, ...example, '--quiet'], {
    cwd: folder,
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const [code] = (await once(child, 'close')) as [number | null];
  assert.equal(code, 0, `heapdot ${example.join(' ')}: ${stderr}`);
}

describe('heapdot --help', () => {
  it('every command that reads snapshots is pinned here (capture, which writes them, is tested in test/capture)', async () => {
    const listed = [...(await heapdot(['--help'])).stdout.matchAll(/^ {2}(\w+) \[options\]/gm)].map(
      (m) => m[1],
    );
    assert.deepEqual(listed.filter((name) => name !== 'capture').sort(), Object.keys(COMMANDS).sort());
  });

  for (const [args, file] of [
    [['--help'], 'help.txt'],
    ...Object.keys(COMMANDS).map((name) => [[name, '--help'], `help-${name}.txt`] as const),
  ] as const) {
    it(`${args.join(' ')} is pinned`, async () => {
      const run = await heapdot([...args]);
      assert.equal(run.code, 0);
      if (process.env.UPDATE_GOLDEN) writeFileSync(golden(file), run.stdout);
      assert.equal(run.stdout, readFileSync(golden(file), 'utf8'));
      assert.match(run.stdout, /2 {2}bad usage or an unreadable snapshot/);
    });
  }

  it('each command lists its own examples once, the -o forms it writes, and <target> only if it takes one', async () => {
    for (const [name, formats] of Object.entries(COMMANDS)) {
      const help = (await heapdot([name, '--help'])).stdout;
      assert.equal(help.split(/^Examples\b/m).length, 2, `${name}: Examples once`);
      const own = examples(help);
      assert.ok(own.length >= 2 && own.length <= 3, `${name}: ${own.length} examples`);
      assert.ok(
        own.every((example) => example[0] === name || (name === 'sites' && example[0] === 'capture')),
        `${name}: examples of its own`,
      );
      assert.equal(/^<target> is /m.test(help), TAKES_TARGET.includes(name), `${name}: <target>`);
      if (name === 'graphs') continue; // graphs writes into --out-dir, with --render; it has no -o
      const listed = /write to FILE \(([^;]*);/.exec(help.replace(/\s+/g, ' '))?.[1].split(', ') ?? [];
      // Each extension listed names a form the command writes, or an image drawn from its DOT or SVG
      // (PDF from DOT only); and every form it writes is listed.
      const images = formats.includes('dot')
        ? ['svg', 'png', 'pdf']
        : formats.includes('svg')
          ? ['svg', 'png']
          : [];
      const meant = listed.map((extension) => formatFromPath(`x${extension}`) ?? extension);
      for (const format of meant)
        assert.ok(formats.includes(format) || images.includes(format), `${name}: ${format}`);
      for (const format of [...formats, ...images])
        assert.ok(meant.includes(format), `${name}: ${format} listed`);
    }
    const diffPng = await heapdot(['diff', 'a', 'b', '-o', 'diff.png']);
    assert.equal(diffPng.code, 2);
    assert.equal(
      diffPng.stderr,
      'heapdot: this command does not draw images (diff.png); it writes text, json, csv\n',
    );
    assert.match((await heapdot(['diff', '--help'])).stdout, /write to FILE \(\.txt, \.json, \.csv;/);
  });

  const folder = mkdtempSync(join(tmpdir(), 'heapdot-help-examples-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('every example in every --help runs, in a folder with samples/ (and an app.js for capture)', async () => {
    symlinkSync(resolve('samples'), join(folder, 'samples'));
    // The program sites' examples capture: it allocates the class they ask about, has itself
    // snapshotted (SIGUSR2 to capture's hook), keeps 20 more, is snapshotted again, and exits.
    writeFileSync(
      join(folder, 'app.js'),
      'class ImageReqWrapper {}\nfunction make() { return Array.from({ length: 20 }, () => new ImageReqWrapper()); }\nglobalThis.kept = make();\n' +
        "process.kill(process.pid, 'SIGUSR2');\n" +
        "setTimeout(() => { globalThis.more = make(); process.kill(process.pid, 'SIGUSR2'); setTimeout(() => {}, 500); }, 500);\n",
    );
    const all = [(await heapdot(['--help'])).stdout];
    for (const name of Object.keys(COMMANDS)) all.push((await heapdot([name, '--help'])).stdout);
    const runs = [...new Set(all.flatMap(examples).map((example) => JSON.stringify(example)))].map(
      (text) => JSON.parse(text) as string[],
    );
    assert.ok(runs.length > 30, `${runs.length} examples`);
    // capture first, one at a time: the sites examples read what it writes. The rest only read
    // snapshots; they run two commands at a time (each is a whole process reading a snapshot: most
    // of this file's time), each command's examples in order (check's --baseline reads what its
    // --write-baseline wrote).
    const captures = runs.filter((example) => example[0] === 'capture');
    for (const example of captures) await runExample(example, folder);
    const byCommand = new Map<string, string[][]>();
    for (const example of runs) {
      if (example[0] !== 'capture')
        byCommand.set(example[0], [...(byCommand.get(example[0]) ?? []), example]);
    }
    const queue = [...byCommand.values()];
    const worker = async () => {
      for (let group = queue.shift(); group; group = queue.shift()) {
        for (const example of group) await runExample(example, folder);
      }
    };
    await Promise.all([worker(), worker()]);
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

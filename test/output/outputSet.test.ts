import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { planOutputs } from '../../src/output/destinations.js';
import { RenderError, type RenderErrorCode } from '../../src/output/errors.js';
import type { Renderers } from '../../src/output/formats.js';
import { outputsOf, pictureOutputs, renderOutputs, writeOutputs } from '../../src/output/outputSet.js';
import { writeFilesAtomic } from '../../src/output/writeOutput.js';

const failsWith = (code: RenderErrorCode, message?: RegExp) => (error: unknown) =>
  error instanceof RenderError &&
  error.code === code &&
  (message === undefined || message.test(error.message));

/** A tiny result in three forms; `dot` is what images are drawn from. */
const FORMS: Renderers = {
  text: ({ color }) => (color ? '\u001b[1mA\u001b[0m -> B\n' : 'A -> B\n'),
  dot: () => 'digraph { A -> B }\n',
  json: () => '{"from":"A","to":"B"}\n',
};

describe('planOutputs', () => {
  let folder = '';
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'heapdot-plan-'));
  });
  after(() => rm(folder, { recursive: true, force: true }));

  it('standard output is text unless a format is given; a file takes its extension', async () => {
    assert.deepEqual(await planOutputs({}, ['text', 'dot']), [{ kind: 'stdout', format: 'text' }]);
    assert.deepEqual(await planOutputs({ format: 'dot' }, ['text', 'dot']), [
      { kind: 'stdout', format: 'dot' },
    ]);
    const dot = join(folder, 'a.gv');
    const svg = join(folder, 'a.svg');
    assert.deepEqual(await planOutputs({ outputs: [dot, svg] }, ['text', 'dot']), [
      { kind: 'file', path: dot, format: 'dot' },
      { kind: 'image', path: svg, format: 'svg', from: 'dot' },
    ]);
  });

  it('a result that draws its own SVG writes .svg as text and .png from it', async () => {
    const png = join(folder, 'a.png');
    assert.deepEqual(await planOutputs({ outputs: [png] }, ['text', 'svg']), [
      { kind: 'image', path: png, format: 'png', from: 'svg' },
    ]);
    await assert.rejects(
      planOutputs({ outputs: [join(folder, 'a.pdf')] }, ['text', 'svg']),
      failsWith('FORMAT_NOT_WRITTEN', /draws SVG and PNG, not PDF/),
    );
  });

  it('refuses, with a code, what cannot be written, before anything is read', async () => {
    await assert.rejects(
      planOutputs({ outputs: [join(folder, 'a.csv')] }, ['text', 'dot']),
      failsWith('FORMAT_NOT_WRITTEN', /does not write csv; it writes text, dot/),
    );
    const unknown = join(folder, 'a.xyz');
    await assert.rejects(planOutputs({ outputs: [unknown] }, ['text']), (error: unknown) => {
      return failsWith('UNKNOWN_FORMAT')(error) && (error as RenderError).path === unknown;
    });
    await assert.rejects(
      planOutputs({ outputs: [join(folder, 'a.json')], format: 'dot' }, ['dot', 'json']),
      failsWith('FORMAT_MISMATCH', /whose extension means json/),
    );
    await assert.rejects(
      planOutputs({ outputs: [join(folder, 'missing', 'a.dot')] }, ['dot']),
      failsWith('WRITE_FAILED', /does not exist/),
    );
    const input = join(folder, 'input.json');
    await writeFile(input, '{}');
    await assert.rejects(planOutputs({ outputs: [input] }, ['json'], [input]), failsWith('OVERWRITES_INPUT'));
    assert.deepEqual(await readdir(folder), ['input.json']);
  });
});

describe('writeFilesAtomic', () => {
  let folder = '';
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'heapdot-set-'));
  });
  after(() => rm(folder, { recursive: true, force: true }));

  it('makes the missing folders and writes every file', async () => {
    const a = join(folder, 'made/deep/a.txt');
    const b = join(folder, 'made/b.txt');
    await writeFilesAtomic([
      { path: a, data: 'a' },
      { path: b, data: new Uint8Array([98]) },
    ]);
    assert.equal(await readFile(a, 'utf8'), 'a');
    assert.equal(await readFile(b, 'utf8'), 'b');
    assert.deepEqual(await readdir(join(folder, 'made')), ['b.txt', 'deep']);
  });

  it('one file that cannot be written: no file of the set, no temporary file, no folder it made', async () => {
    const kept = join(folder, 'kept');
    await mkdir(join(kept, 'in-the-way.png'), { recursive: true });
    await writeFile(join(kept, 'old.dot'), 'old');
    await assert.rejects(
      writeFilesAtomic([
        { path: join(kept, 'old.dot'), data: 'new' },
        { path: join(folder, 'new/nested/a.dot'), data: 'a' },
        { path: join(kept, 'in-the-way.png'), data: 'png' },
      ]),
      failsWith('WRITE_FAILED', /in-the-way\.png: it is a folder/),
    );
    assert.deepEqual(await readdir(kept), ['in-the-way.png', 'old.dot']);
    assert.equal(await readFile(join(kept, 'old.dot'), 'utf8'), 'old', 'the older file as it was');
    assert.ok(!(await readdir(folder)).includes('new'), 'the folders it made are gone');
  });

  it('refuses a protected input among the set, writing none of it', async () => {
    const input = join(folder, 'input.heapsnapshot');
    await writeFile(input, 'snapshot');
    await assert.rejects(
      writeFilesAtomic(
        [
          { path: join(folder, 'first.dot'), data: 'x' },
          { path: input, data: 'y' },
        ],
        { protect: [input] },
      ),
      failsWith('OVERWRITES_INPUT'),
    );
    assert.equal(await readFile(input, 'utf8'), 'snapshot');
    assert.ok(!(await readdir(folder)).includes('first.dot'));
  });
});

describe('renderOutputs and writeOutputs', () => {
  let folder = '';
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'heapdot-outputs-'));
  });
  after(() => rm(folder, { recursive: true, force: true }));

  it('renders every form first, colour only on standard output, then writes files before printing', async () => {
    const svg = join(folder, 'a.svg');
    const text = join(folder, 'a.txt');
    const destinations = await planOutputs({ outputs: ['-', text, svg] }, ['text', 'dot', 'json']);
    const made = await renderOutputs(outputsOf(destinations, FORMS), { color: true });
    assert.equal(made[0].data, '\u001b[1mA\u001b[0m -> B\n');
    assert.equal(made[1].data, 'A -> B\n');
    assert.match(Buffer.from(made[2].data).toString('utf8'), /<svg[\s\S]*>A</);
    const printed: string[] = [];
    await writeOutputs(made, {
      stdout: (data) => printed.push(`${String(data)}|${readdirSync(folder).join(',')}`),
    });
    assert.deepEqual(await readdir(folder), ['a.svg', 'a.txt']);
    assert.equal(await readFile(text, 'utf8'), 'A -> B\n');
    assert.deepEqual(printed, ['\u001b[1mA\u001b[0m -> B\n|a.svg,a.txt']);
  });

  it('a picture that cannot be drawn fails before anything is written or printed', async () => {
    const pictures = pictureOutputs(folder, [{ name: 'broken', dot: 'digraph { A -> }' }], 'svg');
    assert.deepEqual(
      pictures.map((output) => output.destination),
      [
        { kind: 'file', path: join(folder, 'broken.dot'), format: 'dot' },
        { kind: 'image', path: join(folder, 'broken.svg'), format: 'svg', from: 'dot' },
      ],
    );
    const before = await readdir(folder);
    await assert.rejects(
      renderOutputs([...outputsOf([{ kind: 'stdout', format: 'text' }], FORMS), ...pictures]),
      (error: unknown) => failsWith('DOT_FAILED')(error) || failsWith('WASM_FAILED')(error),
    );
    assert.deepEqual(await readdir(folder), before);
  });
});

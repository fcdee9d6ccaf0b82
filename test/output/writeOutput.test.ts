import assert from 'node:assert/strict';
import { link, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RenderError } from '../../src/output/errors.js';
import { formatFromPath, isImageFormat, writeFileAtomic } from '../../src/output/writeOutput.js';

const refusesToOverwrite = (error: unknown) =>
  error instanceof RenderError && error.code === 'OVERWRITES_INPUT';

describe('writeFileAtomic', () => {
  let folder = '';
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'heapdot-write-'));
  });
  after(() => rm(folder, { recursive: true, force: true }));

  it('writes text and bytes, replacing an older file', async () => {
    const path = join(folder, 'chain.dot');
    await writeFileAtomic(path, 'old');
    await writeFileAtomic(path, 'digraph {}\n');
    assert.equal(await readFile(path, 'utf8'), 'digraph {}\n');
    await writeFileAtomic(join(folder, 'chain.png'), new Uint8Array([0x89, 0x50]));
    assert.deepEqual(Array.from(await readFile(join(folder, 'chain.png'))), [0x89, 0x50]);
  });

  it('leaves no temporary file behind', async () => {
    const sub = join(folder, 'clean');
    await mkdir(sub);
    await writeFileAtomic(join(sub, 'a.txt'), 'a');
    assert.deepEqual(await readdir(sub), ['a.txt']);
  });

  it('leaves no file at all when the write fails', async () => {
    const sub = join(folder, 'failing');
    await mkdir(sub);
    // Renaming a file over a folder fails after the temporary file was written.
    await mkdir(join(sub, 'out.svg'));
    await assert.rejects(writeFileAtomic(join(sub, 'out.svg'), '<svg/>'));
    assert.deepEqual(await readdir(sub), ['out.svg']);
    assert.deepEqual(await readdir(join(sub, 'out.svg')), []);
  });

  it('fails on a missing folder without creating anything, naming the output (not its temp file)', async () => {
    const path = join(folder, 'no', 'such', 'out.txt');
    await assert.rejects(writeFileAtomic(path, 'x'), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'WRITE_FAILED');
      assert.equal(error.message, `cannot write ${path} (ENOENT)`);
      return true;
    });
  });

  it('refuses to overwrite a protected input, which keeps its content', async () => {
    const input = join(folder, 'after.heapsnapshot');
    await writeFile(input, '{"snapshot":{}}');
    await assert.rejects(writeFileAtomic(input, 'digraph {}', { protect: [input] }), refusesToOverwrite);
    assert.equal(await readFile(input, 'utf8'), '{"snapshot":{}}');
  });

  it('recognises the input under another name: relative path, symlink, hard link', async () => {
    const input = join(folder, 'input.heapsnapshot');
    await writeFile(input, 'snapshot');
    await symlink(input, join(folder, 'alias.dot'));
    await link(input, join(folder, 'hard.dot'));
    const protect = { protect: [input] };
    await assert.rejects(
      writeFileAtomic(join(folder, '.', 'sub', '..', 'input.heapsnapshot'), 'x', protect),
      refusesToOverwrite,
    );
    await assert.rejects(writeFileAtomic(join(folder, 'alias.dot'), 'x', protect), refusesToOverwrite);
    await assert.rejects(writeFileAtomic(join(folder, 'hard.dot'), 'x', protect), refusesToOverwrite);
    assert.equal(await readFile(input, 'utf8'), 'snapshot');
  });

  it('ignores protected paths that do not exist, such as - for standard input', async () => {
    const path = join(folder, 'from-stdin.json');
    await writeFileAtomic(path, '{}\n', { protect: ['-'] });
    assert.equal(await readFile(path, 'utf8'), '{}\n');
  });
});

describe('formatFromPath', () => {
  it('maps extensions to formats, ignoring case', () => {
    const cases: Array<[string, string | undefined]> = [
      ['chain.dot', 'dot'],
      ['chain.gv', 'dot'],
      ['chain.SVG', 'svg'],
      ['out/chain.png', 'png'],
      ['chain.pdf', 'pdf'],
      ['chain.txt', 'text'],
      ['chain.md', 'markdown'],
      ['chain.mmd', 'mermaid'],
      ['chain.json', 'json'],
      ['chain.jpeg', undefined],
      ['chain', undefined],
    ];
    for (const [path, format] of cases) assert.equal(formatFromPath(path), format, path);
  });

  it('tells images from text formats', () => {
    assert.ok(isImageFormat('png') && isImageFormat('svg') && isImageFormat('pdf'));
    assert.ok(!isImageFormat('dot') && !isImageFormat('json'));
  });
});

import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RenderError } from '../../src/output/errors.js';
import { findDotOnPath } from '../../src/output/findDot.js';
import { renderDot } from '../../src/output/image.js';
import { dotArgs, planRender } from '../../src/output/renderPlan.js';
import { chainToDot } from '../../src/render/dot/chainDot.js';
import { imageChain } from '../render/fixtures.js';
import { svgTexts } from '../render/svgText.js';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const SYSTEM_DOT = findDotOnPath();
const posixOnly = process.platform === 'win32' ? 'fake dot scripts need a POSIX shell' : false;

function assertPng(bytes: Uint8Array): void {
  assert.deepEqual(Array.from(bytes.subarray(0, 8)), PNG_MAGIC);
  assert.ok(bytes.length > 1000, `${bytes.length} bytes`);
}

function assertChainSvg(bytes: Uint8Array): void {
  const svg = new TextDecoder().decode(bytes);
  assert.match(svg, /<svg[\s>]/);
  assert.ok(svgTexts(svg).includes('ImageReqWrapper'));
}

function isRenderError(code: string) {
  return (error: unknown) => error instanceof RenderError && error.code === code;
}

describe('planRender', () => {
  it('runs the system dot with -T<format> only, whenever there is one', () => {
    assert.deepEqual(planRender('png', '/usr/bin/dot'), {
      kind: 'system',
      command: '/usr/bin/dot',
      args: ['-Tpng'],
    });
    assert.deepEqual(dotArgs('pdf'), ['-Tpdf']);
  });

  it('falls back to WASM for SVG and PNG', () => {
    assert.deepEqual(planRender('svg', null), { kind: 'wasm', format: 'svg' });
    assert.deepEqual(planRender('png', null), { kind: 'wasm', format: 'png' });
  });

  it('refuses PDF without a system dot, with a hint to install Graphviz', () => {
    assert.throws(
      () => planRender('pdf', null),
      (error: unknown) =>
        error instanceof RenderError &&
        error.code === 'NO_GRAPHVIZ_FOR_PDF' &&
        /apt-get install graphviz/.test(error.message),
    );
  });
});

describe('findDotOnPath', () => {
  let folder = '';
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'heapdot-find-'));
    await writeFile(join(folder, 'dot'), '#!/bin/sh\n');
    await chmod(join(folder, 'dot'), 0o755);
  });
  after(() => rm(folder, { recursive: true, force: true }));

  it('finds an executable dot in a PATH folder', { skip: posixOnly }, () => {
    assert.equal(findDotOnPath(['/nonexistent', folder].join(delimiter), 'linux'), join(folder, 'dot'));
  });

  it('skips empty and relative PATH entries, which mean the current folder', () => {
    assert.equal(findDotOnPath(['', '.', 'bin'].join(delimiter), 'linux'), undefined);
    assert.equal(findDotOnPath(undefined, 'linux') === undefined || SYSTEM_DOT !== undefined, true);
  });

  it('ignores a dot that is not executable', { skip: posixOnly }, async () => {
    await chmod(join(folder, 'dot'), 0o644);
    assert.equal(findDotOnPath(folder, 'linux'), undefined);
    await chmod(join(folder, 'dot'), 0o755);
  });
});

describe('renderDot with the WASM Graphviz (dotPath: null)', () => {
  const dot = chainToDot(imageChain());

  it('makes an SVG that shows the labels', async () => {
    assertChainSvg(await renderDot(dot, 'svg', { dotPath: null }));
  });

  it('makes a PNG', async () => {
    assertPng(await renderDot(dot, 'png', { dotPath: null }));
  });

  it('refuses PDF', async () => {
    await assert.rejects(renderDot(dot, 'pdf', { dotPath: null }), isRenderError('NO_GRAPHVIZ_FOR_PDF'));
  });

  it("puts Graphviz's message into the error for bad DOT, and works again afterwards", async () => {
    await assert.rejects(
      renderDot('digraph { a [label="x] }', 'svg', { dotPath: null }),
      (error: unknown) => isRenderError('WASM_FAILED')(error) && /syntax error/.test(String(error)),
    );
    assertChainSvg(await renderDot(dot, 'svg', { dotPath: null }));
  });
});

describe('renderDot with the system dot', () => {
  const skip = SYSTEM_DOT === undefined ? 'Graphviz dot is not on PATH (CI installs it)' : false;
  const dot = chainToDot(imageChain());

  it('makes an SVG', { skip }, async () => {
    assertChainSvg(await renderDot(dot, 'svg', { dotPath: SYSTEM_DOT }));
  });

  it('makes a PNG', { skip }, async () => {
    assertPng(await renderDot(dot, 'png', { dotPath: SYSTEM_DOT }));
  });

  it('makes a PDF', { skip }, async () => {
    const pdf = await renderDot(dot, 'pdf', { dotPath: SYSTEM_DOT });
    assert.equal(new TextDecoder().decode(pdf.subarray(0, 5)), '%PDF-');
  });

  it('is found on PATH when dotPath is not given', { skip }, async () => {
    assertChainSvg(await renderDot(dot, 'svg'));
  });

  it("puts dot's stderr into the error for bad DOT", { skip }, async () => {
    await assert.rejects(
      renderDot('digraph { a [label="x] }', 'svg', { dotPath: SYSTEM_DOT }),
      (error: unknown) => isRenderError('DOT_FAILED')(error) && /syntax error/.test(String(error)),
    );
  });
});

describe('renderDot running a dot program (fake scripts)', () => {
  let folder = '';
  const script = (name: string) => join(folder, name);
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'heapdot-dot-'));
    const scripts: Record<string, string> = {
      failing: 'echo "Error: <stdin>: syntax error in line 1" >&2\nexit 3',
      slow: 'sleep 10',
      echoing: 'echo "args: $*"\ncat',
    };
    for (const [name, body] of Object.entries(scripts)) {
      await writeFile(script(name), `#!/bin/sh\n${body}\n`);
      await chmod(script(name), 0o755);
    }
  });
  after(() => rm(folder, { recursive: true, force: true }));

  it('passes -T<format> as an argument and the DOT on standard input', { skip: posixOnly }, async () => {
    const output = await renderDot('digraph {}', 'svg', { dotPath: script('echoing') });
    assert.equal(new TextDecoder().decode(output), 'args: -Tsvg\ndigraph {}');
  });

  it("fails with the program's stderr and exit status", { skip: posixOnly }, async () => {
    await assert.rejects(renderDot('digraph {}', 'png', { dotPath: script('failing') }), (error: unknown) => {
      assert.ok(error instanceof RenderError);
      assert.equal(error.code, 'DOT_FAILED');
      assert.equal(error.stderr, 'Error: <stdin>: syntax error in line 1');
      assert.match(error.message, /exit status 3/);
      return true;
    });
  });

  it('kills a program that runs past the timeout', { skip: posixOnly }, async () => {
    const started = Date.now();
    await assert.rejects(
      renderDot('digraph {}', 'svg', { dotPath: script('slow'), timeoutMs: 200 }),
      isRenderError('DOT_TIMEOUT'),
    );
    assert.ok(Date.now() - started < 5000);
  });

  it('fails clearly when the program cannot be run', async () => {
    await assert.rejects(
      renderDot('digraph {}', 'svg', { dotPath: join(folder, 'missing') }),
      isRenderError('DOT_FAILED'),
    );
  });
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

// bench/run.ts on tiny inputs (the real benchmark takes many minutes): a fresh clone has no data
// folder, and a run that could not make a file or measure a row must not pass for a success.

const RUN = fileURLToPath(new URL('../../bench/run.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'heapdot-bench-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function bench(args: string[]): { status: number | null; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', RUN, '--no-warm', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stderr: run.stderr };
}

describe('npm run bench', () => {
  it('makes its data folder when it does not exist (a fresh clone), and exits 0 when every row ran', () => {
    const data = join(dir, 'fresh', '.data');
    const report = join(dir, 'fresh.md');
    const run = bench(['--files', 'n500', '--tools', 'floor', '--data-dir', data, '--out', report]);
    assert.equal(run.status, 0, run.stderr);
    assert.ok(existsSync(join(data, 'synthetic-n500.heapsnapshot')));
    assert.match(
      readFileSync(report, 'utf8'),
      /^\| floor \(byte scan \+ number parse\) \| [\d.]+ \| \d+ \| .* numbers \|$/m,
    );
  });

  it('exits 1, saying what was not measured, when a file cannot be made or a row fails; the report shows the holes', () => {
    const broken = join(dir, 'broken.heapsnapshot');
    writeFileSync(broken, '{"snapshot":{');
    const notAFolder = join(dir, 'a-file');
    writeFileSync(notAFolder, '');
    const report = join(dir, 'holes.md');
    const run = bench([
      '--files',
      `${broken},n500`,
      '--tools',
      'info',
      '--data-dir',
      notAFolder,
      '--out',
      report,
    ]);
    assert.equal(run.status, 1, run.stderr);
    const last = run.stderr.trimEnd().split('\n').at(-1) ?? '';
    assert.match(
      last,
      /^bench: 2 not measured: .*broken\.heapsnapshot: heapdot info fails \(heapdot: .*broken\.heapsnapshot: .* \(exit 2\)\); n500 \(make-synthetic\.mjs failed \(exit 1\)\)$/,
    );
    const text = readFileSync(report, 'utf8');
    assert.match(text, /^\| heapdot info \| .* \| fails: heapdot: .*broken\.heapsnapshot/m);
    assert.match(text, /### n500\n\nnot measured: make-synthetic\.mjs failed \(exit 1\)/);
  });
});

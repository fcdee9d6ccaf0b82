import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { readSnapshot } from '../../src/index.js';
import { heapdot } from '../helpers/cli.js';
import { devToolsClasses, devToolsSnapshot } from '../helpers/devtools.js';
import { dumpDirectory, runPython, SAMPLE } from './python.js';

const directory = dumpDirectory('commands');
const dumps = ['first.heapsnapshot', 'second.heapsnapshot', 'third.heapsnapshot.gz'].map((name) =>
  join(directory, name),
);
const [first, second, third] = dumps;
const pictures = join(directory, 'pictures');

describe('every heapdot command on Python dumps', () => {
  before(() => {
    runPython(SAMPLE, ['10', first, '30', second, '50', third], directory);
  });

  const commands: [string, string[]][] = [
    ['info', ['info', second]],
    ['chain', ['chain', second, 'ImageReqWrapper']],
    ['backrefs', ['backrefs', second, 'ImageReqWrapper', '--max-depth', '3']],
    ['refs', ['refs', second, 'ImageFormatError', '--max-depth', '2']],
    ['graphs', ['graphs', second, 'ImageReqWrapper', '--out-dir', pictures]],
    ['find', ['find', second, 'ImageReqWrapper']],
    ['types', ['types', second]],
    ['dominators', ['dominators', second, 'ImageReqWrapper', '--depth', '2']],
    ['paths', ['paths', second, 'ImageReqWrapper']],
    ['treemap', ['treemap', second, '-o', join(directory, 'treemap.svg')]],
    ['diff', ['diff', first, third]],
    ['trend', ['trend', first, second, third]],
    ['leaks', ['leaks', first, second, third]],
  ];
  for (const [name, args] of commands) {
    it(`${name} runs without error and prints something`, async () => {
      const run = await heapdot([...args, '--quiet']);
      assert.equal(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
      assert.equal(run.stderr, '');
      if (!args.includes('-o') && !args.includes('--out-dir')) assert.notEqual(run.stdout.trim(), '');
    });
  }

  it('leaks names the traceback path of the requests the third dump still holds', async () => {
    const run = await heapdot(['leaks', first, second, third, '--format', 'json', '--quiet']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /BAD_IMAGE\.__traceback__/);
  });

  it("passes heapdot's reader and DevTools' loader, which agree on the counts", async () => {
    const graph = await readSnapshot(second);
    const devtools = await devToolsSnapshot(second);
    assert.equal(devtools.nodeCount, graph.nodeCount);
    const classes = devToolsClasses(devtools);
    assert.equal(classes.get('ImageReqWrapper')?.count, 15);
    assert.equal(classes.get('traceback')?.count, 15);
  });
});

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { heapdot } from '../helpers/cli.js';
import { dumpDirectory, pythonFixture, runPython, SAMPLE } from './python.js';

interface ClassGrowth {
  className: string;
  countDelta: number;
  newObjects: number;
}

const directory = dumpDirectory('leak');
const beforeDump = join(directory, 'before.heapsnapshot');
const afterDump = join(directory, 'after.heapsnapshot.gz');
/** Requests served before each dump: half are malformed (every even request is a GIF). */
const FIRST = 20;
const SECOND = 60;
const MALFORMED = (SECOND - FIRST) / 2;

describe('the seed leak, in Python (samples/python/leaky_image_service.py)', () => {
  before(() => {
    runPython(SAMPLE, [String(FIRST), beforeDump, String(SECOND), afterDump], directory);
  });

  it('chain names the module-level exception and the traceback/frame path to an ImageReqWrapper', async () => {
    const run = await heapdot(['chain', afterDump, 'ImageReqWrapper', '--format', 'json', '--quiet']);
    assert.equal(run.code, 0, run.stderr);
    const chain = JSON.parse(run.stdout);
    assert.equal(chain.found, true);
    assert.equal(chain.anchor.name, 'leaky_image_service.py: BAD_IMAGE');
    assert.equal(chain.anchor.node.className, 'ImageFormatError');
    assert.equal(chain.target.className, 'ImageReqWrapper');
    assert.match(
      chain.accessPath,
      /^leaky_image_service\.py: BAD_IMAGE\.__traceback__(\.tb_next)*\.tb_frame captures req$/,
    );
  });

  it("the oldest request's chain runs down the whole traceback, one tb_next per later bad request", async () => {
    const farthest = String(FIRST / 2 + MALFORMED);
    const last = await heapdot([
      'chain',
      afterDump,
      'ImageReqWrapper',
      '--pick',
      farthest,
      '--format',
      'json',
    ]);
    assert.equal(last.code, 0, last.stderr);
    const hops = (path: string) => path.split('.tb_next').length - 1;
    assert.equal(hops(JSON.parse(last.stdout).accessPath), FIRST / 2 + MALFORMED - 1);
  });

  it(`diff shows ImageReqWrapper, traceback and dict growing by the ${MALFORMED} malformed requests`, async () => {
    const run = await heapdot(['diff', beforeDump, afterDump, '--format', 'json', '--quiet']);
    assert.equal(run.code, 0, run.stderr);
    const diff = JSON.parse(run.stdout);
    assert.equal(diff.idsComparable, true);
    const growth = new Map<string, ClassGrowth>(diff.classes.map((c: ClassGrowth) => [c.className, c]));
    // A dict is each leaked request's meta, and nothing the dump itself made (frames' locals, caches).
    for (const name of ['ImageReqWrapper', 'traceback', 'dict']) {
      assert.equal(growth.get(name)?.countDelta, MALFORMED, `${name} grows by ${MALFORMED}`);
      // Stable ids: the requests of the first dump are the same objects in the second.
      assert.equal(growth.get(name)?.newObjects, MALFORMED, `${name}: only the later ones are new`);
    }
  });

  it("info lists each module by name, as Python prints it, and dominators name the leak's module by its file", async () => {
    const info = await heapdot(['info', afterDump, '--format', 'json']);
    assert.equal(info.code, 0, info.stderr);
    const roots: string[] = JSON.parse(info.stdout).userRoots.map((root: { name: string }) => root.name);
    assert.ok(roots.includes("<module 'sys'>"), roots.join(', '));
    assert.ok(
      roots.some((name) => /^<module '__main__' from '.*leaky_image_service\.py'>$/.test(name)),
      roots.join(', '),
    );
    const run = await heapdot(['dominators', afterDump, 'ImageReqWrapper', '--format', 'json', '--quiet']);
    assert.equal(run.code, 0, run.stderr);
    const dominators = JSON.parse(run.stdout);
    assert.equal(dominators.chain[1].className, '<module>');
    assert.deepEqual(
      dominators.user.chain.slice(1, 3).map((step: { accessPath?: string }) => step.accessPath),
      ['leaky_image_service.py', 'leaky_image_service.py: BAD_IMAGE'],
    );
  });

  it('retained sizes equal the sums the Python process computes for a small tree', async () => {
    const dump = join(directory, 'tree.heapsnapshot');
    const expected = JSON.parse(runPython(pythonFixture('tree.py'), [dump], directory));
    const run = await heapdot(['find', dump, `@${expected.id}`, '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const [node] = JSON.parse(run.stdout);
    assert.equal(node.className, 'Branch');
    assert.equal(node.retainedSize, expected.retained);
  });
});

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

  it(`diff shows ImageReqWrapper and traceback growing by the ${MALFORMED} malformed requests`, async () => {
    const run = await heapdot(['diff', beforeDump, afterDump, '--format', 'json', '--quiet']);
    assert.equal(run.code, 0, run.stderr);
    const diff = JSON.parse(run.stdout);
    assert.equal(diff.idsComparable, true);
    const growth = new Map<string, ClassGrowth>(diff.classes.map((c: ClassGrowth) => [c.className, c]));
    for (const name of ['ImageReqWrapper', 'traceback']) {
      assert.equal(growth.get(name)?.countDelta, MALFORMED, `${name} grows by ${MALFORMED}`);
      // Stable ids: the requests of the first dump are the same objects in the second.
      assert.equal(growth.get(name)?.newObjects, MALFORMED, `${name}: only the later ones are new`);
    }
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

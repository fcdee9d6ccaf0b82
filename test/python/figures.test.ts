import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readSnapshot } from '../../src/index.js';
import { dumpDirectory, pythonFixture, runPython } from './python.js';

const REQUESTS = 30_000;

describe('heapdot_dump on a larger heap (test/python/fixtures/million_objects.py, smaller)', () => {
  it('peaks under twice the memory of the process it dumps, and leaves only the snapshot behind', async () => {
    const directory = dumpDirectory('figures');
    const dump = join(directory, 'requests.heapsnapshot');
    const printed = runPython(pythonFixture('million_objects.py'), [dump, String(REQUESTS)], directory);
    const figures = /nodes (\d+),.* peak \d+ MiB: ([\d.]+)x/.exec(printed);
    assert.ok(figures, printed);
    assert.ok(Number(figures[2]) < 2, `peak ratio ${figures[2]}: ${printed}`);
    // Each request is an instance, its bytes, its meta dict, a name, a tags list and an int.
    assert.ok(Number(figures[1]) > 6 * REQUESTS, printed);
    assert.deepEqual(readdirSync(directory), ['requests.heapsnapshot']);
    const graph = await readSnapshot(dump);
    assert.equal(graph.nodeCount, Number(figures[1]));
  });
});

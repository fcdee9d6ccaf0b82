import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { heapdot } from '../helpers/cli.js';
import { dumpDirectory, hasObjgraph, PYTHON, pythonFixture, runPython } from './python.js';

interface ObjgraphRow {
  id: number;
  label: string;
  objgraph: number;
  fromModule: boolean;
}

describe('heapdot against objgraph on a shaped Python heap', () => {
  it(`finds a chain from a module never longer than objgraph's find_backref_chain, for 20 objects (${PYTHON})`, async (t) => {
    // CI installs python3-objgraph (.ci/run); a machine without it says so rather than passing.
    assert.ok(hasObjgraph(), `objgraph does not import under ${PYTHON}: apt-get install python3-objgraph`);
    const directory = dumpDirectory('objgraph');
    const dump = join(directory, 'shaped.heapsnapshot');
    const rows: ObjgraphRow[] = JSON.parse(runPython(pythonFixture('objgraph_heap.py'), [dump], directory));
    assert.equal(rows.length, 20);
    for (const row of rows) {
      assert.ok(row.fromModule, `objgraph found a module for ${row.label}`);
      const run = await heapdot(['chain', dump, `@${row.id}`, '--format', 'json', '--raw']);
      assert.equal(run.code, 0, run.stderr);
      const chain = JSON.parse(run.stdout);
      // nodes: the snapshot's root, a module, ..., the target.
      assert.equal(chain.nodes[1].className, '<module>', `${row.label}: heapdot's chain starts at a module`);
      const edges = chain.nodes.length - 2;
      t.diagnostic(`${row.label}: heapdot ${edges}, objgraph ${row.objgraph}`);
      assert.ok(edges <= row.objgraph, `${row.label}: heapdot ${edges} edges, objgraph ${row.objgraph}`);
    }
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readSnapshot } from '../../src/snapshot/readSnapshot.js';
import { runtime } from '../helpers/runtimes.js';
import { shapedSnapshot } from '../helpers/snapshots.js';

describe('locations before the start of a script (code compiled with negative offsets)', () => {
  it('a Node 24 snapshot of code run as vitest runs modules reads, a line before the script is its first', async () => {
    const graph = await readSnapshot(shapedSnapshot('negative-offsets.cjs', [], runtime('node24')));
    let closure = -1;
    for (let node = 0; node < graph.nodeCount; node++)
      if (graph.nodeTypeName(node) === 'closure' && graph.nodeNameOf(node) === 'offsetClosure')
        closure = node;
    assert.notEqual(closure, -1);
    const location = graph.location(closure);
    assert.ok(location);
    // V8 wrote line -1 (before the script: its first line is the nearest) and column 23 - 20, where
    // the parameter list opens.
    assert.deepEqual([location.line, location.column], [0, 3]);
  });
});

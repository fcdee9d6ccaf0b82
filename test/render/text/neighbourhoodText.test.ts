import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stripVTControlCharacters } from 'node:util';
import { neighbourhoodToText } from '../../../src/render/text/neighbourhoodText.js';
import { objectNode, property, stringNode } from '../fixtures.js';
import { arrow, cacheRefs, leakBackrefs, neighbourhood, objectBox } from '../neighbourhoodFixtures.js';

describe('neighbourhoodToText', () => {
  it('lists backrefs by depth, each node with its retainers, then the notes', () => {
    assert.equal(
      neighbourhoodToText(leakBackrefs()),
      [
        'backrefs of @91011 in after.heapsnapshot',
        'depth 0',
        '  [ImageReqWrapper] (object) @91011 64 B retained 1.5 KiB · target',
        '    <- [7] (element) @5003',
        '    <- r (context) @6002',
        '    <- target (weak) @7001',
        'depth 1',
        '  [(object elements)] (array) @5003 1 KiB length 128',
        '    <- table (internal) @5001',
        '  [system / Context] (object) @6002 32 B · highlighted',
        '    <- context (property) @5001',
        '  [WeakRef] (object) @7001 32 B',
        'depth 2',
        '  [Cache] (object) @5001 48 B',
        '    <- owner (property) @91011',
        '    <- cache (property) @3',
        '    <- cache (property) @8001',
        '    <- 36 more retainers: Object ×36 · 576 B',
        'depth 3',
        '  [global] (object) @3 48 B · root',
        '  [Timeout] (object) @8001 32 B · not expanded',
        'note: The picture was cut at depth 3 (--max-nodes 400).',
        '',
      ].join('\n'),
    );
  });

  it('lists refs with what each node holds, and "N more references"', () => {
    const lines = neighbourhoodToText(cacheRefs()).split('\n');
    assert.equal(lines[0], 'refs of @5001 in after.heapsnapshot');
    assert.ok(lines.includes('    -> table (internal) @5003'));
    assert.ok(lines.includes('    -> 12 more references: Object ×12 · 192 B'));
    assert.ok(lines.includes('  [(object elements)] (array) @5003 1 KiB · not expanded'));
  });

  it('shows heap text visibly: a newline in a name or value never breaks the line', () => {
    const text = 'line 1\nline 2\u001b[31m';
    const value = objectBox(stringNode({ id: 11, value: text }), 0);
    const holder = objectBox(objectNode({ id: 10, className: text }), 1);
    const out = neighbourhoodToText(
      neighbourhood({ nodes: [value, holder], edges: [arrow(holder, value, property(text))] }),
    );
    assert.equal(out.split('\n').length, 7);
    assert.ok(!out.includes('\u001b'));
    assert.ok(out.includes('    <- line 1\\nline 2\\x1B[31m (property) @10'));
    assert.ok(out.includes('"line 1\\nline 2\\x1B[31m"'));
  });

  it('colours only when asked, with the same characters', () => {
    assert.ok(!neighbourhoodToText(leakBackrefs()).includes('\u001b'));
    const colored = neighbourhoodToText(leakBackrefs(), { color: true });
    assert.ok(colored.includes('\u001b[31m'));
    assert.equal(stripVTControlCharacters(colored), neighbourhoodToText(leakBackrefs()));
  });
});

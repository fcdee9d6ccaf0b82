import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chainToMermaid, escapeMermaidLabel } from '../../src/render/chainMermaid.js';
import {
  foundChain,
  imageChain,
  imageReq,
  notFoundChain,
  objectNode,
  property,
  snapshotRoot,
} from './fixtures.js';

describe('chainToMermaid', () => {
  it('is a top-down flowchart with nodes n0 (root) to nN (target) and labelled edges', () => {
    const lines = chainToMermaid(imageChain()).split('\n');
    assert.equal(lines[0], 'flowchart TD');
    assert.equal(lines[1], '  n0["(root)<br/>@1 · 0 B<br/>distance 0"]');
    assert.ok(lines.includes('  n0 -.->|"global"| n1'));
    assert.ok(lines.includes('  n1 -->|"cache"| n2'));
    assert.ok(lines.includes('  n3 -->|"[7]"| n4'));
  });

  it('styles roots green and the target red', () => {
    const mermaid = chainToMermaid(imageChain());
    assert.match(mermaid, /\n {2}class n0,n1 root\n/);
    assert.match(mermaid, /\n {2}class n4 target\n$/);
  });

  it('escapes quotes, #, HTML characters, backticks and pipes as entity codes', () => {
    assert.equal(escapeMermaidLabel('say "hi" #1 <b>&`|'), 'say #quot;hi#quot; #35;1 #60;b#62;#38;#96;#124;');
  });

  it('keeps every quoted label free of quotes and line breaks', () => {
    const chain = foundChain({
      root: snapshotRoot(),
      steps: [{ via: property('a"b\nc'), to: objectNode({ id: 2, className: '"]; click n0 call alert()' }) }],
    });
    const mermaid = chainToMermaid(chain);
    assert.ok(mermaid.includes('n0 -->|"a#quot;b\\nc"| n1'));
    assert.ok(mermaid.includes('n1["#quot;]; click n0 call alert()<br/>'));
    // Every `"` opens or closes a label: an even number per line.
    for (const line of mermaid.split('\n')) assert.equal((line.match(/"/g) ?? []).length % 2, 0, line);
  });

  it('draws the target and the reason when there is no chain', () => {
    const mermaid = chainToMermaid(notFoundChain(imageReq(), 'unreachable'));
    assert.match(mermaid, /\n {2}reason\["no retainer chain:<br\/>unreachable from any GC root"\]\n/);
    assert.match(mermaid, /\n {2}class n0 target\n/);
  });
});

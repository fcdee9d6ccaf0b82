import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chainToMermaid, escapeMermaidLabel } from '../../../src/render/text/chainMermaid.js';
import {
  foundChain,
  imageChain,
  imageReq,
  notFoundChain,
  objectNode,
  property,
  snapshotRoot,
} from '../fixtures.js';

describe('chainToMermaid', () => {
  it('is a top-down flowchart with nodes n0 (root) to nN (target) and labelled edges', () => {
    const mermaid = chainToMermaid(imageChain());
    const lines = mermaid.split('\n');
    assert.equal(lines[0], 'flowchart TD');
    // A label's lines are joined by a newline inside its quotes.
    assert.ok(mermaid.startsWith('flowchart TD\n  n0["(root)\n@1 · 0 B\ndistance 0"]\n'), mermaid);
    assert.ok(lines.includes('  n0 -.->|"global"| n1'));
    assert.ok(lines.includes('  n1 -->|"cache"| n2'));
    assert.ok(lines.includes('  n3 -->|"[7]"| n4'));
  });

  it('styles roots green and the target red', () => {
    const mermaid = chainToMermaid(imageChain());
    assert.match(mermaid, /\n {2}class n0,n1 root\n/);
    assert.match(mermaid, /\n {2}class n4 target\n$/);
  });

  it('escapes quotes, #, %, HTML characters, backslashes, backticks and pipes as entity codes', () => {
    assert.equal(
      escapeMermaidLabel('say "hi" #1 %%{init}%% <b>&\\n`|'),
      'say #quot;hi#quot; #35;1 #37;#37;{init}#37;#37; #60;b#62;#38;#92;n#96;#124;',
    );
  });

  it('keeps every quoted label free of quotes, and of line breaks other than its own', () => {
    const chain = foundChain({
      root: snapshotRoot(),
      steps: [{ via: property('a"b\nc'), to: objectNode({ id: 2, className: '"]; click n0 call alert()' }) }],
    });
    const mermaid = chainToMermaid(chain);
    assert.ok(mermaid.includes('n0 -->|"a#quot;b#92;nc"| n1'));
    assert.ok(mermaid.includes('n1["#quot;]; click n0 call alert()\n@2'));
    // Every `"` opens or closes a label: two per node, edge or class statement.
    const statements = mermaid.trimEnd().split(/\n(?= {2}\S)/);
    for (const statement of statements) assert.equal((statement.match(/"/g) ?? []).length % 2, 0, statement);
  });

  it('draws the target and the reason when there is no chain', () => {
    const mermaid = chainToMermaid(notFoundChain(imageReq(), 'unreachable'));
    assert.match(mermaid, /\n {2}reason\["no retainer chain:\nunreachable from any GC root"\]\n/);
    assert.match(mermaid, /\n {2}class n0 target\n/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stripVTControlCharacters } from 'node:util';
import { chainToText } from '../../../src/render/text/chainText.js';
import {
  closureNode,
  contextVariable,
  foundChain,
  imageChain,
  imageReq,
  notFoundChain,
  snapshotRoot,
} from '../fixtures.js';

describe('chainToText', () => {
  it('writes one step per line, root first, memlab style', () => {
    assert.equal(
      chainToText(imageChain(), { color: false }),
      [
        '[(root)] (synthetic) @1 0 B',
        '  --global (shortcut)--->  [global] (object) @3 48 B',
        '  --cache (property)--->  [Map] (object) @5001 32 B',
        '  --table (internal)--->  [(object elements)] (array) @5003 1 KiB length 128',
        '  --[7] (element)--->  [ImageReqWrapper] (object) @91011 64 B retained 1.5 KiB',
        '',
      ].join('\n'),
    );
  });

  it('has no ANSI escapes unless asked for colour', () => {
    assert.ok(!chainToText(imageChain()).includes('\u001b'));
    assert.ok(chainToText(imageChain(), { color: true }).includes('\u001b[31m'));
  });

  it('gives the same characters with and without colour, escapes aside', () => {
    const plain = chainToText(imageChain(), { color: false });
    const colored = chainToText(imageChain(), { color: true });
    assert.equal(stripVTControlCharacters(colored), plain);
  });

  it('shows a closure with its name and location, reached through a context variable', () => {
    const chain = foundChain({
      root: snapshotRoot(),
      steps: [
        {
          via: contextVariable('handler'),
          to: closureNode({ id: 7, name: 'onData', location: 'server.js:12' }),
        },
      ],
    });
    assert.match(
      chainToText(chain),
      /--handler \(context\)---> {2}\[Function\] \(closure\) @7 32 B onData\(\) server\.js:12\n$/,
    );
  });

  it('says why when there is no chain', () => {
    assert.equal(
      chainToText(notFoundChain(imageReq(), 'weak-only')),
      '[ImageReqWrapper] (object) @91011 64 B retained 1.5 KiB\n  no retainer chain: held only by weak references\n',
    );
    assert.match(chainToText(notFoundChain(imageReq(), 'unreachable')), /unreachable from any GC root/);
  });

  it('cannot be made to send terminal escapes or break lines by a heap string', () => {
    const chain = foundChain({
      root: snapshotRoot(),
      steps: [{ via: contextVariable('x\u001b[2J\ny'), to: imageReq() }],
    });
    const text = chainToText(chain);
    assert.ok(!text.includes('\u001b'));
    assert.equal(text.split('\n').length, 3);
    assert.match(text, /--x\\x1B\[2J\\ny \(context\)/);
  });
});

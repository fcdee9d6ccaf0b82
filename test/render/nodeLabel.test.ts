import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeLabelLines, previewText } from '../../src/render/nodeLabel.js';
import { closureNode, imageReq, objectNode, stringNode } from './fixtures.js';

describe('nodeLabelLines', () => {
  it('shows class, id, self and retained size, and distance', () => {
    assert.deepEqual(nodeLabelLines(imageReq()), [
      'ImageReqWrapper',
      '@91011 · 64 B · retained 1.5 KiB',
      'distance 4',
    ]);
  });

  it('shows a closure as name() and its script:line', () => {
    const closure = closureNode({ id: 7, name: 'onData', location: 'file:///app/server.js:12' });
    assert.deepEqual(nodeLabelLines(closure), [
      'Function',
      '@7 · 32 B',
      'onData()',
      'file:///app/server.js:12',
    ]);
  });

  it('marks a detached node', () => {
    const node = objectNode({ id: 9, className: 'HTMLDivElement', detached: true });
    assert.equal(nodeLabelLines(node)[1], '@9 · 32 B · detached');
  });
});

describe('previewText', () => {
  it("quotes a string's first 40 characters", () => {
    const url = `https://example.com/${'a'.repeat(100)}`;
    assert.equal(previewText(stringNode({ id: 1, value: url })), `"${url.slice(0, 40)}…"`);
  });

  it('shows a number as it is and an array by its length', () => {
    assert.equal(
      previewText(objectNode({ id: 1, type: 'number', className: '(number)', preview: '3.14' })),
      '3.14',
    );
    assert.equal(previewText(objectNode({ id: 1, className: 'Array', preview: '3' })), 'length 3');
  });

  it('names an anonymous closure', () => {
    assert.equal(previewText(closureNode({ id: 1, name: '' })), '(anonymous)()');
  });

  it('is undefined without a preview', () => {
    assert.equal(previewText(imageReq()), undefined);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chainToJson } from '../../../src/view/json/chainJson.js';
import {
  closureNode,
  foundChain,
  imageChain,
  imageReq,
  notFoundChain,
  property,
  snapshotRoot,
} from '../../render/fixtures.js';

describe('chainToJson', () => {
  it('has exactly the keys of a found chain, in order', () => {
    const json = JSON.parse(chainToJson(imageChain()));
    assert.deepEqual(Object.keys(json), ['target', 'found', 'rootKind', 'distance', 'nodes', 'edges']);
    assert.equal(json.found, true);
    assert.equal(json.rootKind, 'user');
    assert.equal(json.distance, 4);
    assert.equal(json.nodes.length, json.edges.length + 1);
    assert.deepEqual(json.nodes.at(-1), json.target);
  });

  it('writes nodes with only the contract keys, dropping drawing fields', () => {
    const json = JSON.parse(chainToJson(imageChain()));
    assert.deepEqual(json.target, {
      id: 91011,
      type: 'object',
      name: 'ImageReqWrapper',
      className: 'ImageReqWrapper',
      selfSize: 64,
      v8SelfSize: 64,
      distance: 4,
      retainedSize: 1536,
    });
    const closureChain = foundChain({
      root: snapshotRoot(),
      steps: [{ via: property('fn'), to: closureNode({ id: 7, name: 'onData', location: 'a.js:1' }) }],
    });
    const closure = JSON.parse(chainToJson(closureChain)).target;
    assert.deepEqual(Object.keys(closure), ['id', 'type', 'name', 'className', 'selfSize', 'v8SelfSize']);
  });

  it('writes edge names as numbers for element edges, strings otherwise', () => {
    const json = JSON.parse(chainToJson(imageChain()));
    assert.deepEqual(json.edges, [
      { type: 'shortcut', name: 'global' },
      { type: 'property', name: 'cache' },
      { type: 'internal', name: 'table' },
      { type: 'element', name: 7 },
    ]);
  });

  it('writes a chain that was not found with its reason and empty lists', () => {
    const json = JSON.parse(chainToJson(notFoundChain(imageReq(), 'weak-only')));
    assert.deepEqual(Object.keys(json), ['target', 'found', 'reason', 'nodes', 'edges']);
    assert.equal(json.found, false);
    assert.equal(json.reason, 'weak-only');
    assert.deepEqual([json.nodes, json.edges], [[], []]);
  });

  it('is indented by two spaces and ends with a newline', () => {
    const text = chainToJson(imageChain());
    assert.ok(text.startsWith('{\n  "target": {\n    "id": 91011,'));
    assert.ok(text.endsWith('}\n'));
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { neighbourhoodToJson } from '../../../src/view/json/neighbourhoodJson.js';
import { cacheRefs, leakBackrefs } from '../../render/neighbourhoodFixtures.js';

describe('neighbourhoodToJson', () => {
  it('writes kind, snapshot, targets, maxDepth, nodes, edges and notes, in that order', () => {
    const json = JSON.parse(neighbourhoodToJson(leakBackrefs()));
    assert.deepEqual(Object.keys(json), [
      'kind',
      'snapshot',
      'targets',
      'maxDepth',
      'nodes',
      'edges',
      'notes',
    ]);
    assert.equal(json.kind, 'backrefs');
    assert.equal(json.snapshot, 'after.heapsnapshot');
    assert.deepEqual(json.targets, [91011]);
    assert.equal(json.maxDepth, 3);
    assert.deepEqual(json.notes, ['The picture was cut at depth 3 (--max-nodes 400).']);
  });

  it('writes an object node as the stable Node, then depth, target, highlighted, expanded', () => {
    const { nodes } = JSON.parse(neighbourhoodToJson(leakBackrefs()));
    assert.deepEqual(nodes[0], {
      id: 91011,
      type: 'object',
      name: 'ImageReqWrapper',
      className: 'ImageReqWrapper',
      selfSize: 64,
      v8SelfSize: 64,
      distance: 4,
      retainedSize: 1536,
      depth: 0,
      target: true,
      expanded: true,
    });
    assert.deepEqual(Object.keys(nodes[0]).slice(-3), ['depth', 'target', 'expanded']);
    assert.deepEqual(nodes[2], {
      id: 6002,
      type: 'object',
      name: 'system / Context',
      className: 'system / Context',
      selfSize: 32,
      v8SelfSize: 32,
      depth: 1,
      highlighted: true,
      expanded: true,
    });
  });

  it('leaves the drawing fields (preview, root flags) out and writes false only for expanded', () => {
    const { nodes } = JSON.parse(neighbourhoodToJson(leakBackrefs()));
    const table = nodes[1];
    assert.equal(table.preview, undefined);
    assert.equal(table.isGcRoot, undefined);
    assert.equal(table.target, undefined);
    assert.equal(table.highlighted, undefined);
    assert.equal(nodes[5].id, 3);
    assert.equal(nodes[5].expanded, false);
  });

  it('writes a "more" box as its count, direction, the snapshot id it belongs to, and depth', () => {
    const { nodes } = JSON.parse(neighbourhoodToJson(leakBackrefs()));
    assert.deepEqual(nodes[7], {
      more: 36,
      direction: 'retainers',
      of: 5001,
      depth: 3,
      classes: [{ className: 'Object', count: 36, size: 576 }],
      otherClasses: 0,
    });
  });

  it('writes edges holder -> held by snapshot id with the edge type and name; a number for elements', () => {
    const { edges } = JSON.parse(neighbourhoodToJson(leakBackrefs()));
    assert.deepEqual(edges[0], { from: 5003, to: 91011, type: 'element', name: 7 });
    assert.deepEqual(edges[2], { from: 7001, to: 91011, type: 'weak', name: 'target' });
    assert.deepEqual(edges[5], { from: 91011, to: 5001, type: 'property', name: 'owner' });
  });

  it('writes the arrow of a "more" box with the box key and no type or name', () => {
    const backrefs = JSON.parse(neighbourhoodToJson(leakBackrefs()));
    assert.deepEqual(backrefs.edges[8], { from: 'more:5001:retainers', to: 5001 });
    const refs = JSON.parse(neighbourhoodToJson(cacheRefs()));
    assert.deepEqual(refs.edges[1], { from: 5001, to: 'more:5001:references' });
  });

  it('is two-space indented with a final newline, and deterministic', () => {
    const text = neighbourhoodToJson(leakBackrefs());
    assert.ok(text.startsWith('{\n  "kind": "backrefs",\n'));
    assert.ok(text.endsWith('}\n'));
    assert.equal(text, neighbourhoodToJson(leakBackrefs()));
  });
});

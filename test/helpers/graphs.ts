import assert from 'node:assert/strict';
import type { HeapGraph } from '../../src/snapshot/heapGraph.js';

/** Asserts two graphs hold the same nodes, edges and strings (field layout may differ). */
export function assertSameGraph(actual: HeapGraph, expected: HeapGraph): void {
  assert.equal(actual.nodeCount, expected.nodeCount, 'node count');
  assert.equal(actual.edgeCount, expected.edgeCount, 'edge count');
  assert.deepEqual(actual.nodeType, expected.nodeType, 'node types');
  assert.deepEqual(actual.nodeName, expected.nodeName, 'node names');
  assert.deepEqual(actual.nodeId, expected.nodeId, 'node ids');
  assert.deepEqual(actual.nodeSelfSize, expected.nodeSelfSize, 'self sizes');
  assert.deepEqual(actual.firstEdge, expected.firstEdge, 'first edges');
  assert.deepEqual(actual.edgeType, expected.edgeType, 'edge types');
  assert.deepEqual(actual.edgeNameOrIndex, expected.edgeNameOrIndex, 'edge names');
  assert.deepEqual(actual.edgeTarget, expected.edgeTarget, 'edge targets');
  assert.equal(actual.strings.count, expected.strings.count, 'string count');
  for (let i = 0; i < expected.strings.count; i++) {
    if (actual.strings.get(i) !== expected.strings.get(i)) assert.fail(`string ${i} differs`);
  }
  assert.equal(actual.locationCount, expected.locationCount, 'locations');
}

/** The ordinals of the nodes of a class. */
export function ordinalsOfClass(graph: HeapGraph, className: string): number[] {
  const out: number[] = [];
  for (let node = 0; node < graph.nodeCount; node++) if (graph.className(node) === className) out.push(node);
  return out;
}

/** The edges of a node as `type name -> class` lines, for readable assertions. */
export function edgesOf(
  graph: HeapGraph,
  node: number,
): { type: string; name: string | number; to: number }[] {
  const edges = [];
  for (let edge = graph.firstEdge[node]; edge < graph.firstEdge[node + 1]; edge++) {
    edges.push({ type: graph.edgeTypeName(edge), name: graph.edgeName(edge), to: graph.edgeTarget[edge] });
  }
  return edges;
}

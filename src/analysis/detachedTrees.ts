import type { HeapGraph } from '../snapshot/heapGraph.js';
import { compareNearest } from './compare.js';
import type { Distances } from './distances.js';
import type { Dominators, DominatorTree } from './dominatorTypes.js';
import { groupRetainedSizes } from './groupRetainedSizes.js';

/** One detached DOM tree: its DOM nodes, the one JavaScript reaches first, what it keeps alive. */
export interface DetachedTree {
  /** The tree's node nearest a GC root (DevTools' distance, then id): where its holder holds it. */
  entry: number;
  /** The tree's DOM nodes (elements, text, comments, ...), by ordinal, ascending. */
  nodes: Uint32Array;
  /** DevTools' retained size of the tree's nodes together (as a class's retained size). */
  retainedSize: number;
}

/** DOM nodes Blink names without angle brackets (elements are `<div id="a">`). */
const NON_ELEMENT_NODES = new Set([
  'Text',
  'Comment',
  'CDATASection',
  'ProcessingInstruction',
  'DocumentFragment',
  'ShadowRoot',
  'DocumentType',
]);

const NOT_DOM = 1;
const DOM = 2;

/**
 * The detached DOM trees of a page's snapshot (DevTools' "Detached" nodes, from propagateDOMState,
 * src/snapshot/domState.ts): the DOM nodes DevTools calls detached, grouped into trees by the edges
 * between them (a child holds its parent and siblings, a parent its first and last child, so a tree
 * is one connected group; a union-find over typed arrays), largest retained size first, then most
 * nodes, then the entry's id. Each tree is entered where the JavaScript that keeps it holds it:
 * its node nearest a GC root, usually the root of the tree that was removed.
 * The DOM nodes only are counted and grouped: Blink's own objects that a detached node reaches
 * (style data, attribute storage) are DevTools-detached too, and count in the retained size.
 */
export function detachedTrees(
  graph: HeapGraph,
  distances: Distances,
  dominators: Dominators,
  tree: DominatorTree,
): DetachedTree[] {
  const { nodeCount, nodeType, nodeName, firstEdge, edgeTarget, edgeType } = graph;
  const native = graph.nodeTypes.native;
  const weak = graph.edgeTypes.weak;
  const nameKind = new Uint8Array(graph.strings.count);
  const isDom = new Uint8Array(nodeCount);
  let domCount = 0;
  for (let node = 0; node < nodeCount; node++) {
    if (nodeType[node] !== native || !graph.isDetached(node)) continue;
    const name = nodeName[node];
    if (nameKind[name] === 0) {
      const text = graph.strings.get(name);
      nameKind[name] = text.startsWith('<') || NON_ELEMENT_NODES.has(text) ? DOM : NOT_DOM;
    }
    if (nameKind[name] === DOM) {
      isDom[node] = 1;
      domCount++;
    }
  }
  if (domCount === 0) return [];

  const parent = new Int32Array(nodeCount).fill(-1);
  const find = (node: number): number => {
    let top = node;
    while (parent[top] !== -1) top = parent[top];
    for (let at = node; at !== top; ) {
      const next = parent[at];
      parent[at] = top;
      at = next;
    }
    return top;
  };
  for (let node = 0; node < nodeCount; node++) {
    if (isDom[node] === 0) continue;
    for (let edge = firstEdge[node]; edge < firstEdge[node + 1]; edge++) {
      const other = edgeTarget[edge];
      if (isDom[other] === 0 || edgeType[edge] === weak) continue;
      const a = find(node);
      const b = find(other);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  }

  // Group keys: 0 for every other node, 1 + the tree's index for a tree's nodes.
  const key = new Uint32Array(nodeCount);
  const treeOfTop = new Map<number, number>();
  const members: number[][] = [];
  for (let node = 0; node < nodeCount; node++) {
    if (isDom[node] === 0) continue;
    const top = find(node);
    let index = treeOfTop.get(top);
    if (index === undefined) {
      index = members.length;
      treeOfTop.set(top, index);
      members.push([]);
    }
    members[index].push(node);
    key[node] = index + 1;
  }
  const retained = groupRetainedSizes(graph, key, members.length + 1, dominators, tree);
  const trees = members.map((nodes, index) => ({
    entry: nodes.reduce((best, node) => (compareNearest(graph, distances, node, best) < 0 ? node : best)),
    nodes: Uint32Array.from(nodes),
    retainedSize: retained[index + 1],
  }));
  return trees.sort(
    (a, b) =>
      b.retainedSize - a.retainedSize ||
      b.nodes.length - a.nodes.length ||
      graph.nodeId[a.entry] - graph.nodeId[b.entry],
  );
}

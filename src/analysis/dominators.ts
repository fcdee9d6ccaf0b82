import type { HeapGraph } from '../snapshot/heapGraph.js';
import type { AnalysisProgress, Dominators, DominatorsOptions, DominatorTree } from './dominatorTypes.js';
import { WeakMapEdgeNames } from './weakMapEdges.js';

/**
 * The dominator tree and retained sizes, as Chrome DevTools computes its Retained Size column
 * (front_end/entrypoints/heap_snapshot_worker/HeapSnapshot.ts: calculateDominatorsAndRetainedSizes,
 * initEssentialEdges/computeIsEssentialEdge; JSHeapSnapshot: markPageOwnedNodes, calculateShallowSizes).
 *
 * Lengauer and Tarjan, "A fast algorithm for finding dominators in a flowgraph" (TOPLAS 1979),
 * simple version, over the edges DevTools counts as essential: not weak, not a self edge, not the
 * WeakMap table -> value edge, shortcut edges only from the root, and no edge from an object the
 * page does not own to one it owns. Nodes the root does not reach hang under the root the way
 * DevTools hangs them (a DFS from each node that has only weak retainers, then each remaining one
 * alone), so their numbers agree too. heapdot's changes: typed arrays throughout (buckets are
 * linked lists in two Uint32Arrays, not Sets), the retainer index shared with the rest of heapdot.
 */
export function computeDominators(graph: HeapGraph, options: DominatorsOptions = {}): Dominators {
  const report = options.onProgress ?? (() => undefined);
  const phase = (step: number, name: string) => report({ phase: name, step, steps: PHASES });
  phase(1, 'shallow sizes');
  const shallowSize = graph.shallowSizes();
  phase(2, 'essential edges');
  const essential = essentialEdges(graph);
  phase(3, 'retainer index');
  graph.retainers();
  const { dominator, order, visited } = lengauerTarjan(graph, essential, report);
  phase(5, 'retained sizes');
  const retainedSize = Float64Array.from(shallowSize);
  // Children before their dominators: reverse DFS order, the root (order[1]) excluded.
  for (let i = visited; i > 1; i--) {
    const node = order[i] - 1;
    retainedSize[dominator[node]] += retainedSize[node];
  }
  return { dominator, shallowSize, retainedSize };
}

/** The dominator tree as CSR (counting pass, then fill pass); the root is nobody's child. */
const PHASES = 5;
/** The dominator tree phase reports every this many nodes. */
const REPORT_EVERY = 1 << 20;

export function dominatorTree(graph: HeapGraph, dominators: Dominators): DominatorTree {
  const { nodeCount, rootOrdinal } = graph;
  const { dominator } = dominators;
  const firstChild = new Uint32Array(nodeCount + 1);
  for (let node = 0; node < nodeCount; node++) if (node !== rootOrdinal) firstChild[dominator[node] + 1]++;
  for (let node = 0; node < nodeCount; node++) firstChild[node + 1] += firstChild[node];
  const fill = firstChild.slice(0, nodeCount);
  const children = new Uint32Array(Math.max(0, nodeCount - 1));
  for (let node = 0; node < nodeCount; node++)
    if (node !== rootOrdinal) children[fill[dominator[node]]++] = node;
  return { firstChild, children };
}

/** The dominators of a node, from the root down to its immediate dominator, then the node. */
export function dominatorChain(graph: HeapGraph, dominators: Dominators, node: number): number[] {
  const chain = [node];
  while (node !== graph.rootOrdinal && chain.length <= graph.nodeCount) {
    node = dominators.dominator[node];
    chain.push(node);
  }
  return chain.reverse();
}

/** The objects the page owns: reachable by strong edges from the user roots and the DOM tree roots. */
function pageOwned(graph: HeapGraph): Uint8Array {
  const { nodeCount, firstEdge, edgeTarget, edgeType, rootOrdinal } = graph;
  const owned = new Uint8Array(nodeCount);
  const stack = new Uint32Array(nodeCount);
  let top = 0;
  for (let edge = firstEdge[rootOrdinal]; edge < firstEdge[rootOrdinal + 1]; edge++) {
    const child = edgeTarget[edge];
    const type = edgeType[edge];
    if (type === graph.edgeTypes.element) {
      const domTrees =
        graph.nodeType[child] === graph.nodeTypes.synthetic &&
        graph.nodeNameOf(child) === '(Document DOM trees)';
      if (!domTrees) continue;
    } else if (type !== graph.edgeTypes.shortcut) continue;
    owned[child] = 1;
    stack[top++] = child;
  }
  const weak = graph.edgeTypes.weak;
  while (top > 0) {
    const node = stack[--top];
    for (let edge = firstEdge[node]; edge < firstEdge[node + 1]; edge++) {
      const child = edgeTarget[edge];
      if (owned[child] === 1 || edgeType[edge] === weak) continue;
      owned[child] = 1;
      stack[top++] = child;
    }
  }
  return owned;
}

/** One bit per edge: does it count for dominators (DevTools' computeIsEssentialEdge)? */
function essentialEdges(graph: HeapGraph): Uint32Array {
  const { nodeCount, firstEdge, edgeTarget, edgeType, edgeNameOrIndex, nodeId, rootOrdinal } = graph;
  const bits = new Uint32Array(Math.ceil(graph.edgeCount / 32));
  const owned = pageOwned(graph);
  const weakMapEdges = new WeakMapEdgeNames(graph);
  const { weak, internal, shortcut } = graph.edgeTypes;
  for (let node = 0; node < nodeCount; node++) {
    for (let edge = firstEdge[node]; edge < firstEdge[node + 1]; edge++) {
      const type = edgeType[edge];
      // The WeakMap's own edge to a value: the key's edge is the one that counts.
      if (type === internal && weakMapEdges.tableId(edgeNameOrIndex[edge]) === nodeId[node]) continue;
      if (type === weak) continue;
      const child = edgeTarget[edge];
      if (child === node) continue;
      if (node !== rootOrdinal) {
        // Shortcuts mean "user global" only at the root.
        if (type === shortcut) continue;
        // An edge from what the page does not own (the debugger's) into what it owns.
        if (owned[child] === 1 && owned[node] === 0) continue;
      }
      bits[edge >>> 5] |= 1 << (edge & 31);
    }
  }
  return bits;
}

/**
 * Lengauer-Tarjan with 1-based vertex numbers (0 is "none"), as in the paper. Returns per node
 * ordinal its immediate dominator's ordinal, and the DFS order (vertex numbers) for sizes.
 */
function lengauerTarjan(
  graph: HeapGraph,
  essential: Uint32Array,
  report: (progress: AnalysisProgress) => void,
) {
  report({ phase: 'dominator tree: depth-first search', step: 4, steps: PHASES });
  const { nodeCount, firstEdge, edgeTarget, rootOrdinal } = graph;
  const { firstRetainer, retainerEdge, retainerSource } = graph.retainers();
  const isEssential = (edge: number) => (essential[edge >>> 5] & (1 << (edge & 31))) !== 0;
  const size = nodeCount + 1;
  const parent = new Uint32Array(size);
  const ancestor = new Uint32Array(size);
  const vertex = new Uint32Array(size);
  const label = new Uint32Array(size);
  const semi = new Uint32Array(size);
  const dom = new Uint32Array(size);
  const bucketHead = new Uint32Array(size);
  const bucketNext = new Uint32Array(size);
  const nextEdge = new Uint32Array(size);
  const stack = new Uint32Array(size);
  let n = 0;

  // Iterative DFS over essential edges; nextEdge remembers where each vertex's scan stopped.
  const dfs = (start: number) => {
    nextEdge[start - 1] = firstEdge[start - 1];
    let v = start;
    while (v !== 0) {
      if (semi[v] === 0) {
        semi[v] = ++n;
        vertex[n] = label[v] = v;
      }
      let next = parent[v];
      const ordinal = v - 1;
      for (; nextEdge[ordinal] < firstEdge[ordinal + 1]; nextEdge[ordinal]++) {
        const edge = nextEdge[ordinal];
        if (!isEssential(edge)) continue;
        const w = edgeTarget[edge] + 1;
        if (semi[w] === 0) {
          parent[w] = v;
          nextEdge[w - 1] = firstEdge[w - 1];
          next = w;
          break;
        }
      }
      v = next;
    }
  };

  const compress = (start: number) => {
    let v = start;
    let top = 0;
    while (ancestor[ancestor[v]] !== 0) {
      stack[++top] = v;
      v = ancestor[v];
    }
    while (top > 0) {
      const w = stack[top--];
      if (semi[label[ancestor[w]]] < semi[label[w]]) label[w] = label[ancestor[w]];
      ancestor[w] = ancestor[ancestor[w]];
    }
  };
  const evaluate = (v: number) => {
    if (ancestor[v] === 0) return v;
    compress(v);
    return label[v];
  };

  const r = rootOrdinal + 1;
  dfs(r);
  // What the root does not reach hangs under it as DevTools hangs it: first a DFS from each
  // node that only weak (non-essential) edges hold, then every node still unvisited, alone.
  if (n < nodeCount) {
    for (let v = 1; v <= nodeCount; v++) {
      if (semi[v] !== 0) continue;
      let onlyWeak = true;
      for (let slot = firstRetainer[v - 1]; slot < firstRetainer[v] && onlyWeak; slot++) {
        if (isEssential(retainerEdge[slot])) onlyWeak = false;
      }
      if (onlyWeak) {
        parent[v] = r;
        dfs(v);
      }
    }
  }
  if (n < nodeCount) {
    for (let v = 1; v <= nodeCount; v++) {
      if (semi[v] !== 0) continue;
      parent[v] = r;
      semi[v] = ++n;
      vertex[n] = label[v] = v;
    }
  }

  const progress: AnalysisProgress = { phase: 'dominator tree', step: 4, steps: PHASES, done: 0, total: n };
  report(progress);
  for (let i = n; i >= 2; i--) {
    if ((i & (REPORT_EVERY - 1)) === 0) {
      progress.done = n - i;
      report(progress);
    }
    const w = vertex[i];
    let orphan = true;
    for (let slot = firstRetainer[w - 1]; slot < firstRetainer[w]; slot++) {
      if (!isEssential(retainerEdge[slot])) continue;
      orphan = false;
      const u = evaluate(retainerSource[slot] + 1);
      if (semi[u] < semi[w]) semi[w] = semi[u];
    }
    // A node with no essential retainer has the root as its only predecessor.
    if (orphan) semi[w] = semi[r];
    const bucket = vertex[semi[w]];
    bucketNext[w] = bucketHead[bucket];
    bucketHead[bucket] = w;
    ancestor[w] = parent[w]; // link
    const p = parent[w];
    for (let v = bucketHead[p]; v !== 0; v = bucketNext[v]) {
      const u = evaluate(v);
      dom[v] = semi[u] < semi[v] ? u : p;
    }
    bucketHead[p] = 0;
  }
  dom[0] = dom[r] = r;
  for (let i = 2; i <= n; i++) {
    const w = vertex[i];
    if (dom[w] !== vertex[semi[w]]) dom[w] = dom[dom[w]];
  }
  const dominator = new Uint32Array(nodeCount);
  for (let node = 0; node < nodeCount; node++) dominator[node] = dom[node + 1] - 1;
  return { dominator, order: vertex, visited: n };
}

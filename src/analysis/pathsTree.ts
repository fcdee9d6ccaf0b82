import { type HierarchyNode, hierarchy } from 'd3-hierarchy';
import type { HeapGraph } from '../snapshot/heapGraph.js';
import { displayName } from './displayName.js';
import { type Distances, NO_DISTANCE, NO_EDGE } from './distances.js';
import type { Dominators } from './dominatorTypes.js';
import { edgeSummary } from './edgeSummary.js';
import { PATHS_DEFAULTS, type PathsTree, type PathsTreeNode, type PathsTreeOptions } from './pathsTypes.js';
import { NOT_NUMBERED, slotNumber } from './slotNumber.js';
import type { AnalysisNote, EdgeSummary } from './types.js';

/**
 * How the chains to merge are read: DevTools' shortest chains (distanceLinks), or the user view's
 * (src/view/userPaths.ts), whose steps fold V8's internal objects away.
 */
export interface PathLinks {
  /** Whether a chain reaches the node (else it is counted as unreachable). */
  reached(node: number): boolean;
  /** The node one step up the node's chain, or NO_UP when it hangs under the tree's root. */
  up(node: number): number;
  /** The step into the node: what merges (`key`, with the class name), and how it is shown. */
  link(node: number): { key: string; edge: EdgeSummary; index: number };
}

export const NO_UP = -1;

/**
 * Merged shortest paths to GC roots, after Eclipse MAT's "Merge Shortest Paths to GC Roots": the
 * shortest chain of each matched object (the one `retainerChain` reads back from the distance
 * search's parent edges, so every chain here is the chain `heapdot chain` shows) merged into a
 * tree from the snapshot's root down. Two steps merge when their parents merged and they have the
 * same edge type, edge name and class name; edges named by a slot number (element and hidden
 * indexes, a Map's table slots) merge whatever the number, so 60 objects held by
 * `requests[0..59]` of one array make one branch, and the values of one Map another. MAT merges by object, so two
 * arrays of the same class stay apart there; heapdot merges by class, so they become one step.
 *
 * The chains are walked once per heap node, not once per match: each node remembers its tree step
 * (one Int32Array over the nodes), so a chain stops at the first node already placed. The counts
 * and the order come from d3-hierarchy (`sum`, `sort`); --min-count and --top cut the sorted tree.
 */
export function pathsTree(
  graph: HeapGraph,
  distances: Distances,
  dominators: Dominators,
  matches: ArrayLike<number>,
  options: PathsTreeOptions = {},
): PathsTree {
  return mergedPaths(graph, distanceLinks(graph, distances), dominators, matches, options);
}

/** DevTools' shortest chains, as the distance search's parent edges give them. */
export function distanceLinks(graph: HeapGraph, distances: Distances): PathLinks {
  return {
    reached: (node) => distances.raw[node] !== NO_DISTANCE,
    // Only the root has no parent edge among reached nodes; anything else without one hangs under it.
    up: (node) => {
      const edge = distances.parentEdge[node];
      return edge === NO_EDGE ? NO_UP : graph.edgeSource(edge);
    },
    link: (node) => {
      const edge = distances.parentEdge[node];
      const index = slotNumber(graph, edge);
      const edgeKey = index === NOT_NUMBERED ? String(graph.edgeName(edge)) : '#';
      return { key: `${graph.edgeType[edge]}\u0000${edgeKey}`, edge: edgeSummary(graph, edge), index };
    },
  };
}

/** The chains `links` gives for every match, merged (see pathsTree). */
export function mergedPaths(
  graph: HeapGraph,
  links: PathLinks,
  dominators: Dominators,
  matches: ArrayLike<number>,
  options: PathsTreeOptions = {},
): PathsTree {
  const minCount = options.minCount ?? PATHS_DEFAULTS.minCount;
  const top = options.top ?? PATHS_DEFAULTS.top;
  const ordered = Uint32Array.from(matches).sort();
  const counted = countedRetained(graph, dominators, ordered);
  const trie = new StepTrie(graph, links);
  let unreachable = 0;
  let unreachableRetained = 0;
  for (let i = 0; i < ordered.length; i++) {
    const match = ordered[i];
    const retained = counted[i];
    if (!links.reached(match)) {
      unreachable++;
      unreachableRetained += retained;
      continue;
    }
    const step = trie.place(match);
    step.matched++;
    step.ownRetained += retained;
  }
  const root = prune(graph, trie.hierarchy(), minCount, top);
  if (unreachable > 0) {
    root.children.push({
      kind: 'unreachable',
      name: '(unreachable)',
      edge: null,
      count: unreachable,
      matched: unreachable,
      objects: unreachable,
      retainedSize: unreachableRetained,
      children: [],
    });
    root.count += unreachable;
    root.retainedSize += unreachableRetained;
  }
  const notes = cutToMaxNodes(root, options.maxNodes ?? PATHS_DEFAULTS.maxNodes);
  return { root, matched: ordered.length, unreachable, height: heightOf(root), notes };
}

/**
 * Keeps the levels of the tree that fit in `maxNodes` steps, as backrefs and refs do: the steps
 * of the last level kept lose their children (their counts still say how many matches lie below).
 * Returns the note that says so, or nothing when the whole tree fits.
 */
function cutToMaxNodes(root: PathsTreeNode, maxNodes: number): AnalysisNote[] {
  let level = [root];
  let drawn = 0;
  for (let depth = 0; level.length > 0; depth++) {
    const next = level.flatMap((node) => node.children);
    drawn += level.length;
    if (next.length > 0 && drawn + next.length > maxNodes) {
      for (const node of level) node.children = [];
      return [{ code: 'depth-cut', counts: 'steps', depth, adding: next.length, drawn, maxNodes }];
    }
    level = next;
  }
  return [];
}

/** One step of the merged chains while they are being merged. */
interface Step {
  /** Creation order: parents before children, and the last tie-break of the sort. */
  order: number;
  name: string;
  /** The first edge met, or null for the root. */
  edge: EdgeSummary | null;
  indexMin: number;
  indexMax: number;
  example: number;
  /** How many heap objects were merged into this step. */
  objects: number;
  matched: number;
  ownRetained: number;
  /** Filled by `hierarchy()`: the retained size of every match at or below this step. */
  retained: number;
  byKey: Map<string, Step>;
  children: Step[];
}

const UNPLACED = -1;

class StepTrie {
  readonly #graph: HeapGraph;
  readonly #links: PathLinks;
  readonly #steps: Step[] = [];
  /** Per heap node: the index in #steps of its step, or UNPLACED. */
  readonly #stepOf: Int32Array;
  readonly #path: number[] = [];

  constructor(graph: HeapGraph, links: PathLinks) {
    this.#graph = graph;
    this.#links = links;
    this.#stepOf = new Int32Array(graph.nodeCount).fill(UNPLACED);
    this.#stepOf[graph.rootOrdinal] = this.#add(graph.rootOrdinal, null).order;
  }

  /** The step of a reached node: its chain is walked up to the first node already placed, then placed down. */
  place(node: number): Step {
    const links = this.#links;
    const path = this.#path;
    path.length = 0;
    while (this.#stepOf[node] === UNPLACED) {
      const up = links.up(node);
      if (up === NO_UP) break;
      path.push(node);
      node = up;
    }
    let step = this.#steps[this.#stepOf[node] === UNPLACED ? 0 : this.#stepOf[node]];
    for (let i = path.length - 1; i >= 0; i--) {
      const child = path[i];
      step = this.#child(step, child);
      this.#stepOf[child] = step.order;
      step.objects++;
    }
    return step;
  }

  /** The steps as a d3 hierarchy, counts summed and sorted: largest count, then retained size, then first met. */
  hierarchy(): HierarchyNode<Step> {
    const root = hierarchy(this.#steps[0], (step) => step.children).sum((step) => step.matched);
    root.eachAfter((node) => {
      let retained = node.data.ownRetained;
      for (const child of node.children ?? []) retained += child.data.retained;
      node.data.retained = retained;
    });
    return root.sort(
      (a, b) =>
        (b.value ?? 0) - (a.value ?? 0) || b.data.retained - a.data.retained || a.data.order - b.data.order,
    );
  }

  #child(parent: Step, node: number): Step {
    const name = displayName(this.#graph, node);
    const { key: edgeKey, edge, index } = this.#links.link(node);
    const key = `${edgeKey}\u0000${name}`;
    let step = parent.byKey.get(key);
    if (step === undefined) {
      step = this.#add(node, edge, name);
      parent.byKey.set(key, step);
      parent.children.push(step);
    }
    if (index !== NOT_NUMBERED) {
      step.indexMin = Math.min(step.indexMin, index);
      step.indexMax = Math.max(step.indexMax, index);
    }
    return step;
  }

  #add(node: number, edge: EdgeSummary | null, name = displayName(this.#graph, node)): Step {
    const step: Step = {
      order: this.#steps.length,
      name,
      edge,
      indexMin: Number.POSITIVE_INFINITY,
      indexMax: Number.NEGATIVE_INFINITY,
      example: node,
      objects: node === this.#graph.rootOrdinal ? 1 : 0,
      matched: 0,
      ownRetained: 0,
      retained: 0,
      byKey: new Map(),
      children: [],
    };
    this.#steps.push(step);
    return step;
  }
}

/**
 * The retained size each match adds, in the order of `ordered`: its own, unless one of its
 * dominators is also a match (then that one's retained size already holds it). Each node's answer
 * is remembered, so the dominator chains are walked once in all.
 */
function countedRetained(graph: HeapGraph, dominators: Dominators, ordered: Uint32Array): Float64Array {
  const { dominator, retainedSize } = dominators;
  const isMatch = new Uint8Array(graph.nodeCount);
  for (const match of ordered) isMatch[match] = 1;
  // 0 unknown, 1 no match at or above, 2 a match at or above.
  const covered = new Uint8Array(graph.nodeCount);
  const walked: number[] = [];
  const isCovered = (start: number): boolean => {
    walked.length = 0;
    let node = start;
    let answer = 1;
    for (;;) {
      if (covered[node] !== 0) {
        answer = covered[node];
        break;
      }
      walked.push(node);
      if (isMatch[node] === 1) {
        answer = 2;
        break;
      }
      const up = dominator[node];
      if (up === node || node === graph.rootOrdinal) break;
      node = up;
    }
    for (const node of walked) covered[node] = isMatch[node] === 1 ? 2 : answer;
    return answer === 2;
  };
  const counted = new Float64Array(ordered.length);
  for (let i = 0; i < ordered.length; i++) {
    const match = ordered[i];
    const up = dominator[match];
    counted[i] = up !== match && match !== graph.rootOrdinal && isCovered(up) ? 0 : retainedSize[match];
  }
  return counted;
}

/**
 * The sorted hierarchy as the result tree: per step, the children reached by at least `minCount`
 * matches, at most `top` of them; the others become one "N more" child that keeps their totals, so
 * a parent's count is still the sum of its children's (and its own matches).
 */
function prune(graph: HeapGraph, root: HierarchyNode<Step>, minCount: number, top: number): PathsTreeNode {
  const tree = stepNode(graph, root, 'root');
  const stack: [HierarchyNode<Step>, PathsTreeNode][] = [[root, tree]];
  while (stack.length > 0) {
    const [node, out] = stack.pop()!;
    const children = node.children ?? [];
    let foldedCount = 0;
    let foldedRetained = 0;
    let folded = 0;
    for (const child of children) {
      const count = child.value ?? 0;
      if (count >= minCount && out.children.length < top) {
        const kept = stepNode(graph, child, 'object');
        out.children.push(kept);
        stack.push([child, kept]);
      } else {
        folded++;
        foldedCount += count;
        foldedRetained += child.data.retained;
      }
    }
    if (folded > 0) {
      out.children.push({
        kind: 'more',
        name: `${folded} more`,
        edge: null,
        count: foldedCount,
        matched: 0,
        objects: 0,
        retainedSize: foldedRetained,
        folded,
        children: [],
      });
    }
  }
  return tree;
}

function stepNode(graph: HeapGraph, node: HierarchyNode<Step>, kind: 'root' | 'object'): PathsTreeNode {
  const step = node.data;
  const out: PathsTreeNode = {
    kind,
    name: step.name,
    edge: step.edge,
    count: node.value ?? 0,
    matched: step.matched,
    retainedSize: step.retained,
    exampleId: graph.nodeId[step.example],
    objects: step.objects,
    children: [],
  };
  if (step.indexMin <= step.indexMax) out.indexRange = [step.indexMin, step.indexMax];
  return out;
}

function heightOf(root: PathsTreeNode): number {
  let height = 0;
  const stack: [PathsTreeNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    height = Math.max(height, depth);
    for (const child of node.children) stack.push([child, depth + 1]);
  }
  return height;
}

import { computeDistances } from '../analysis/distances.js';
import type { Dominators } from '../analysis/dominatorTypes.js';
import { mergedPaths, type PathLinks, pathsTree } from '../analysis/pathsTree.js';
import type { PathsTree, PathsTreeOptions } from '../analysis/pathsTypes.js';
import type { HeapGraph } from '../snapshot/heapGraph.js';
import { FOLD } from './hops.js';
import { mergedLabel } from './leakGroups.js';
import { anchorName, KIND_OF_RANK, stepLabel, type UserView, userView } from './userChain.js';
import { RANK_MASK, SETTLED } from './userSearch.js';

/**
 * Merged paths (see pathsTree) of the user view: every match's user chain, merged from its anchor
 * down. The tree's first level is the anchors (`stack-held.cjs: recent`, edge type the anchor
 * kind), then one level per user-level step (edge type `step`), merged by the step's label with
 * indexes and keys merged (`[*]`, `.get(*)`) and by class; V8's internal objects are folded into
 * the steps, never levels. `view` is one search of every node (userView with no target).
 */
export function userPathsTree(
  graph: HeapGraph,
  view: UserView,
  dominators: Dominators,
  matches: ArrayLike<number>,
  options: PathsTreeOptions = {},
): PathsTree {
  return mergedPaths(graph, userLinks(graph, view), dominators, matches, options);
}

export interface MatchPathsOptions extends PathsTreeOptions {
  /** DevTools' shortest paths (pathsTree) instead of the user view's. @default false */
  raw?: boolean;
  /** Per node: 1 for a retainer the search leaves out (--avoid, --ignore). @default none */
  excluded?: Uint8Array;
}

/**
 * The merged paths `heapdot paths` shows: in the user view by default (chains from anchors, V8's
 * internals folded into the steps), DevTools' shortest paths with `raw`.
 */
export function matchPaths(
  graph: HeapGraph,
  dominators: Dominators,
  matches: ArrayLike<number>,
  options: MatchPathsOptions = {},
): PathsTree {
  const { raw, excluded, ...limits } = options;
  return raw
    ? pathsTree(graph, computeDistances(graph, { excluded }), dominators, matches, limits)
    : userPathsTree(graph, userView(graph, { excluded }), dominators, matches, limits);
}

function userLinks(graph: HeapGraph, view: UserView): PathLinks {
  const { hops, search } = view;
  const isAnchor = (node: number) => (search.state[node] & RANK_MASK) !== 0;
  /** The raw edges of the step into `node`, first to last, and the node it starts from. */
  const stepInto = (node: number): { from: number; edges: number[] } => {
    const edges = [search.parentEdge[node]];
    let from = graph.edgeSource(edges[0]);
    while (!isAnchor(from)) {
      const edge = search.parentEdge[from];
      const source = graph.edgeSource(edge);
      if (hops.cost(source, edge) !== FOLD) break;
      edges.push(edge);
      from = source;
    }
    return { from, edges: edges.reverse() };
  };
  return {
    reached: (node) => (search.state[node] & SETTLED) !== 0,
    up: (node) => (isAnchor(node) ? graph.rootOrdinal : stepInto(node).from),
    link: (node) => {
      if (isAnchor(node)) {
        const kind = KIND_OF_RANK[search.state[node] & RANK_MASK];
        const name = anchorName(graph, hops, kind, search.parentEdge[node]);
        return { key: `anchor\u0000${kind}\u0000${name}`, edge: { type: kind, name }, index: -1 };
      }
      const label = mergedLabel(stepLabel(graph, hops, stepInto(node).edges).label);
      return { key: `step\u0000${label}`, edge: { type: 'step', name: label }, index: -1 };
    },
  };
}

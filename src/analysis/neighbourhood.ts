import type { HeapGraph } from '../snapshot/heapGraph.js';
import { isUserRoot } from '../snapshot/userRoots.js';
import { type ClassBreakdown, classBreakdown } from './classShares.js';
import { type Distances, nearnessKey } from './distances.js';
import type { Direction } from './types.js';

/**
 * The neighbourhood of some objects: who holds them, a few levels up (backrefs), or what they
 * hold, a few levels down (refs). objgraph's show_backrefs/show_refs, with its faults fixed
 * (../shared/reference/peers.md): edges carry the snapshot's real names; when a node has too many
 * neighbours the ones kept are chosen (for retainers the nearest a root, so the way to the root
 * stays in the picture; for references the largest), and the rest are counted exactly; a picture
 * that would be too big is cut at the depth that fits, and says so.
 *
 * Breadth-first, level by level, over the retainer index (backrefs) or the edges (refs).
 * Only drawn nodes (at most `maxNodes`) get a Map entry; nothing is kept per heap node.
 */

export interface NeighbourhoodOptions {
  /** How many levels to draw. @default 3 */
  maxDepth?: number;
  /** A node shows at most this many neighbours and one "N more" box for the rest. @default 10 */
  tooMany?: number;
  /** A picture that would hold more nodes is cut at the last depth that fits. @default 400 */
  maxNodes?: number;
  /** Draw weak edges (dashed). @default true */
  weak?: boolean;
  /** Follow only these edge types (`property`, `element`, `context`, `internal`, `hidden`, `shortcut`, `weak`). */
  edgeTypes?: readonly string[];
  /** Hide nodes whose class or name matches, and edges whose name matches (never a target). */
  filter?: RegExp;
  /** Draw but do not expand nodes whose class or name matches. */
  stopAt?: RegExp;
  /** Mark nodes whose class or name matches (drawn blue). */
  highlight?: RegExp;
  /** Retained sizes (computeDominators): refs then keep the largest retainers, not the largest objects. */
  retainedSize?: Float64Array;
}

export const NEIGHBOURHOOD_DEFAULTS = { maxDepth: 3, tooMany: 10, maxNodes: 400 } as const;

export interface NeighbourhoodNode {
  ordinal: number;
  depth: number;
  isTarget: boolean;
  highlighted: boolean;
  expanded: boolean;
}

export interface NeighbourhoodEdge {
  /** Holder and held, in the heap's direction, as ordinals. */
  from: number;
  to: number;
  edge: number;
}

export interface OmittedNeighbours {
  /** The node whose neighbours were left out. */
  ordinal: number;
  count: number;
  /** Their largest classes by count, with self sizes. */
  breakdown: ClassBreakdown;
}

export interface Neighbourhood {
  direction: Direction;
  nodes: NeighbourhoodNode[];
  edges: NeighbourhoodEdge[];
  omitted: OmittedNeighbours[];
  maxDepth: number;
  notes: string[];
}

/** Who holds the targets, to `maxDepth` levels. */
export function backrefs(
  graph: HeapGraph,
  distances: Distances,
  targets: readonly number[],
  options: NeighbourhoodOptions = {},
): Neighbourhood {
  return neighbourhood(graph, distances, targets, 'retainers', options);
}

/** What the targets hold, to `maxDepth` levels. */
export function refs(
  graph: HeapGraph,
  distances: Distances,
  targets: readonly number[],
  options: NeighbourhoodOptions = {},
): Neighbourhood {
  return neighbourhood(graph, distances, targets, 'references', options);
}

/** One neighbour of a node: the other end, and the edge that joins them. */
interface Link {
  other: number;
  edge: number;
}

function neighbourhood(
  graph: HeapGraph,
  distances: Distances,
  targets: readonly number[],
  direction: Direction,
  options: NeighbourhoodOptions,
): Neighbourhood {
  const maxDepth = options.maxDepth ?? NEIGHBOURHOOD_DEFAULTS.maxDepth;
  const tooMany = options.tooMany ?? NEIGHBOURHOOD_DEFAULTS.tooMany;
  const maxNodes = options.maxNodes ?? NEIGHBOURHOOD_DEFAULTS.maxNodes;
  const links = linkFinder(graph, direction, options);
  const drawn = new Map<number, NeighbourhoodNode>();
  const notes: string[] = [];
  const matches = (pattern: RegExp | undefined, node: number) =>
    pattern !== undefined && nodeMatches(graph, pattern, node);
  const add = (ordinal: number, depth: number, isTarget: boolean) => {
    drawn.set(ordinal, {
      ordinal,
      depth,
      isTarget,
      highlighted: matches(options.highlight, ordinal),
      expanded: false,
    });
  };
  for (const target of targets) if (!drawn.has(target)) add(target, 0, true);

  const sizes = options.retainedSize ?? graph.shallowSizes();
  const order = (a: Link, b: Link) =>
    direction === 'retainers'
      ? nearnessKey(distances, a.other) - nearnessKey(distances, b.other) ||
        graph.nodeId[a.other] - graph.nodeId[b.other]
      : sizes[b.other] - sizes[a.other] || graph.nodeId[a.other] - graph.nodeId[b.other];

  let level = [...drawn.keys()];
  let depthReached = 0;
  for (let depth = 0; depth < maxDepth && level.length > 0; depth++) {
    const next: number[] = [];
    const seenNext = new Set<number>();
    const expanding: number[] = [];
    for (const node of level) {
      if (isRoot(graph, distances, node) || matches(options.stopAt, node)) continue;
      expanding.push(node);
      const kept = distinctOthers(links(node).sort(order)).slice(0, tooMany);
      for (const other of kept) {
        if (drawn.has(other) || seenNext.has(other)) continue;
        seenNext.add(other);
        next.push(other);
      }
    }
    if (drawn.size + next.length > maxNodes) {
      notes.push(
        `cut at depth ${depth}: depth ${depth + 1} would add ${next.length} nodes to ${drawn.size}, over --max-nodes ${maxNodes}`,
      );
      break;
    }
    for (const node of expanding) drawn.get(node)!.expanded = true;
    for (const other of next) add(other, depth + 1, false);
    level = next;
    depthReached = depth + 1;
  }

  // Every edge between drawn nodes is drawn, and each expanded node counts what it left out.
  const edges: NeighbourhoodEdge[] = [];
  const omitted: OmittedNeighbours[] = [];
  for (const node of drawn.values()) {
    const left = new Set<number>();
    for (const { other, edge } of links(node.ordinal)) {
      if (!drawn.has(other)) {
        left.add(other);
        continue;
      }
      edges.push(
        direction === 'retainers'
          ? { from: other, to: node.ordinal, edge }
          : { from: node.ordinal, to: other, edge },
      );
    }
    if (node.expanded && left.size > 0) {
      const breakdown = classBreakdown(graph, left, (other) => graph.nodeSelfSize[other]);
      omitted.push({ ordinal: node.ordinal, count: left.size, breakdown });
    }
  }
  return { direction, nodes: [...drawn.values()], edges, omitted, maxDepth: depthReached, notes };
}

/** The neighbours of a node that the options let through, in snapshot order. */
function linkFinder(
  graph: HeapGraph,
  direction: Direction,
  options: NeighbourhoodOptions,
): (node: number) => Link[] {
  const typeAllowed = new Uint8Array(256).fill(1);
  if (options.edgeTypes) {
    typeAllowed.fill(0);
    graph.header.edgeTypes.forEach((name, code) => {
      if (options.edgeTypes!.includes(name)) typeAllowed[code] = 1;
    });
  }
  if (options.weak === false && graph.edgeTypes.weak >= 0) typeAllowed[graph.edgeTypes.weak] = 0;
  const filter = options.filter;
  const passes = (edge: number, other: number) =>
    typeAllowed[graph.edgeType[edge]] === 1 &&
    (filter === undefined ||
      (!nodeMatches(graph, filter, other) && !filter.test(String(graph.edgeName(edge)))));
  if (direction === 'references') {
    return (node) => {
      const out: Link[] = [];
      for (let edge = graph.firstEdge[node]; edge < graph.firstEdge[node + 1]; edge++) {
        const other = graph.edgeTarget[edge];
        if (passes(edge, other)) out.push({ other, edge });
      }
      return out;
    };
  }
  const { firstRetainer, retainerEdge, retainerSource } = graph.retainers();
  return (node) => {
    const out: Link[] = [];
    for (let slot = firstRetainer[node]; slot < firstRetainer[node + 1]; slot++) {
      const other = retainerSource[slot];
      if (passes(retainerEdge[slot], other)) out.push({ other, edge: retainerEdge[slot] });
    }
    return out;
  };
}

function distinctOthers(links: Link[]): number[] {
  const seen = new Set<number>();
  const out: number[] = [];
  for (const { other } of links) {
    if (seen.has(other)) continue;
    seen.add(other);
    out.push(other);
  }
  return out;
}

/** The root, `(GC roots)` and its categories, and user roots are drawn but not expanded. */
function isRoot(graph: HeapGraph, distances: Distances, node: number): boolean {
  if (node === graph.rootOrdinal || graph.nodeType[node] === graph.nodeTypes.synthetic) return true;
  return distances.raw[node] === 1 && isUserRoot(graph, node);
}

/** A pattern matches a node when it matches its class name or its name. */
export function nodeMatches(graph: HeapGraph, pattern: RegExp, node: number): boolean {
  pattern.lastIndex = 0;
  if (pattern.test(graph.className(node))) return true;
  pattern.lastIndex = 0;
  return pattern.test(graph.nodeNameOf(node));
}

import { classBreakdown } from '../analysis/classShares.js';
import { compareLargest, compareNearest } from '../analysis/compare.js';
import type { Distances } from '../analysis/distances.js';
import type {
  Neighbourhood,
  NeighbourhoodEdge,
  NeighbourhoodNode,
  OmittedNeighbours,
} from '../analysis/neighbourhoodTypes.js';
import type { AnalysisNote, Direction } from '../analysis/types.js';
import type { HeapGraph } from '../snapshot/heapGraph.js';
import { isUserRoot } from '../snapshot/userRoots.js';
import { Hops } from './hops.js';
import { anchorBox, userReferences, userRetainers } from './userLinks.js';

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
 *
 * By default the neighbours are the user view's (DESIGN.md, "The user view"; src/view/userLinks.ts):
 * V8's internal objects are no boxes, each arrow is one user-level step with the raw edges it folds,
 * and a note counts what was folded and what was hidden. `raw: true` draws the snapshot's graph.
 */

export interface NeighbourhoodOptions {
  /** How many levels to draw. @default 3 */
  maxDepth?: number;
  /** A node shows at most this many neighbours and one "N more" box for the rest. @default 10 */
  tooMany?: number;
  /** A picture that would hold more nodes is cut at the last depth that fits. @default 60 (raw: 400) */
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
  /** DevTools' graph as the snapshot has it, not the user view. @default false */
  raw?: boolean;
  /** Per node: 1 for a retainer left out (--avoid, --ignore): never drawn, never grown through. */
  excluded?: Uint8Array;
}

/** `maxNodes` is the raw view's; the user view's boxes are bigger (words, not ids), and a page holds about 60. */
export const NEIGHBOURHOOD_DEFAULTS = { maxDepth: 3, tooMany: 10, maxNodes: 400, userMaxNodes: 60 } as const;

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

/** One neighbour of a node: the other end, and the edge that joins them (after any folded ones). */
interface Link {
  other: number;
  edge: number;
  folded?: number[];
}

/** The neighbours of a node, and the internal objects next to it that the user view hides. */
type LinkFinder = (node: number) => { links: Link[]; hidden: number[] };

function neighbourhood(
  graph: HeapGraph,
  distances: Distances,
  targets: readonly number[],
  direction: Direction,
  options: NeighbourhoodOptions,
): Neighbourhood {
  const maxDepth = options.maxDepth ?? NEIGHBOURHOOD_DEFAULTS.maxDepth;
  const tooMany = options.tooMany ?? NEIGHBOURHOOD_DEFAULTS.tooMany;
  const maxNodes =
    options.maxNodes ?? (options.raw ? NEIGHBOURHOOD_DEFAULTS.maxNodes : NEIGHBOURHOOD_DEFAULTS.userMaxNodes);
  const hops = options.raw ? undefined : new Hops(graph, options.excluded);
  const prototypes = new Set<number>();
  const find =
    hops === undefined
      ? linkFinder(graph, direction, options)
      : userLinkFinder(graph, hops, direction, options, prototypes);
  const links = (node: number) => find(node).links;
  // In the user view an anchor (a module's scope, an active timer) is drawn like a root but not
  // grown past, and a prototype is drawn but not grown: its methods are the class's, not what
  // this object holds. Refs grow from an anchor as from any object.
  const stops = (node: number) =>
    isRoot(graph, distances, node) ||
    matches(options.stopAt, node) ||
    (hops !== undefined &&
      (prototypes.has(node) || (direction === 'retainers' && anchorBox(graph, hops, node) !== -1)));
  const drawn = new Map<number, NeighbourhoodNode>();
  const notes: AnalysisNote[] = [];
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
      ? compareNearest(graph, distances, a.other, b.other)
      : compareLargest(graph, sizes, a.other, b.other);

  let level = [...drawn.keys()];
  let depthReached = 0;
  for (let depth = 0; depth < maxDepth && level.length > 0; depth++) {
    const next: number[] = [];
    const seenNext = new Set<number>();
    const expanding: number[] = [];
    for (const node of level) {
      if (stops(node)) continue;
      expanding.push(node);
      const kept = distinctOthers([...links(node)].sort(order)).slice(0, tooMany);
      for (const other of kept) {
        if (drawn.has(other) || seenNext.has(other)) continue;
        seenNext.add(other);
        next.push(other);
      }
    }
    if (drawn.size + next.length > maxNodes) {
      notes.push({
        code: 'depth-cut',
        counts: 'nodes',
        depth,
        adding: next.length,
        drawn: drawn.size,
        maxNodes,
      });
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
  const hidden = new Set<number>();
  for (const node of drawn.values()) {
    const left = new Set<number>();
    const found = find(node.ordinal);
    for (const { other, edge, folded } of found.links) {
      if (!drawn.has(other)) {
        left.add(other);
        continue;
      }
      const ends =
        direction === 'retainers' ? { from: other, to: node.ordinal } : { from: node.ordinal, to: other };
      edges.push(folded === undefined ? { ...ends, edge } : { ...ends, edge, folded });
    }
    if (node.expanded) for (const internal of found.hidden) hidden.add(internal);
    if (node.expanded && left.size > 0) {
      const breakdown = classBreakdown(graph, left, (other) => graph.selfSize(other));
      omitted.push({ ordinal: node.ordinal, count: left.size, breakdown });
    }
  }
  const result = { direction, nodes: [...drawn.values()], edges, omitted, maxDepth: depthReached, notes };
  if (options.raw) return result;
  const folded = new Set<number>();
  for (const edge of edges) for (const raw of edge.folded ?? []) folded.add(graph.edgeTarget[raw]);
  return { ...result, userView: { folded: folded.size, hidden: hidden.size } };
}

/** The options' edge tests (--edge-types, --no-weak, --filter) for an edge and the node at its other end. */
function edgePasses(
  graph: HeapGraph,
  options: NeighbourhoodOptions,
): (edge: number, other: number) => boolean {
  const typeAllowed = new Uint8Array(256).fill(1);
  if (options.edgeTypes) {
    typeAllowed.fill(0);
    graph.header.edgeTypes.forEach((name, code) => {
      if (options.edgeTypes!.includes(name)) typeAllowed[code] = 1;
    });
  }
  if (options.weak === false && graph.edgeTypes.weak >= 0) typeAllowed[graph.edgeTypes.weak] = 0;
  const filter = options.filter;
  const excluded = options.excluded;
  return (edge: number, other: number) =>
    typeAllowed[graph.edgeType[edge]] === 1 &&
    (excluded === undefined || excluded[other] === 0) &&
    (filter === undefined ||
      (!nodeMatches(graph, filter, other) && !filter.test(String(graph.edgeName(edge)))));
}

const NONE_HIDDEN: number[] = [];

/** The neighbours of a node in the snapshot's graph that the options let through, in snapshot order. */
function linkFinder(graph: HeapGraph, direction: Direction, options: NeighbourhoodOptions): LinkFinder {
  const passes = edgePasses(graph, options);
  if (direction === 'references') {
    return (node) => {
      const out: Link[] = [];
      for (let edge = graph.firstEdge[node]; edge < graph.firstEdge[node + 1]; edge++) {
        const other = graph.edgeTarget[edge];
        if (passes(edge, other)) out.push({ other, edge });
      }
      return { links: out, hidden: NONE_HIDDEN };
    };
  }
  const { firstRetainer, retainerEdge, retainerSource } = graph.retainers();
  return (node) => {
    const out: Link[] = [];
    for (let slot = firstRetainer[node]; slot < firstRetainer[node + 1]; slot++) {
      const other = retainerSource[slot];
      if (passes(retainerEdge[slot], other)) out.push({ other, edge: retainerEdge[slot] });
    }
    return { links: out, hidden: NONE_HIDDEN };
  };
}

/**
 * The user view's neighbours (src/view/userLinks.ts) that the options let through: the options
 * test a step's last raw edge and the object at its other end. Each node's links are found once
 * (a picture asks twice: to grow, then to draw its arrows); only drawn nodes are cached.
 */
function userLinkFinder(
  graph: HeapGraph,
  hops: Hops,
  direction: Direction,
  options: NeighbourhoodOptions,
  prototypes: Set<number>,
): LinkFinder {
  const passes = edgePasses(graph, options);
  const cache = new Map<number, { links: Link[]; hidden: number[] }>();
  return (node) => {
    const known = cache.get(node);
    if (known !== undefined) return known;
    const found =
      direction === 'references' ? userReferences(graph, hops, node) : userRetainers(graph, hops, node);
    const links: Link[] = [];
    for (const { other, rawEdges } of found.links) {
      const edge = rawEdges[rawEdges.length - 1];
      if (!passes(edge, other)) continue;
      links.push({ other, edge, folded: rawEdges.slice(0, -1) });
      if (direction === 'references' && graph.edgeName(edge) === '__proto__') prototypes.add(other);
    }
    const result = { links: oneStepEach(graph, links), hidden: found.hidden };
    cache.set(node, result);
    return result;
  };
}

/**
 * One arrow per step a user would write: V8 lists an array's items both on the array and on its
 * backing store (the same `[i]` twice), and a prototype's methods both as properties and as
 * numbered hidden edges of its property store. A link is dropped when the same object is already
 * reached by a link of the same edge type and name, or when it ends in an internal or hidden edge
 * and some link that ends in a property, element or context edge reaches the same object.
 */
function oneStepEach(graph: HeapGraph, links: Link[]): Link[] {
  const named = new Set<string>();
  const reached = new Set<number>();
  const bare = (link: Link) =>
    graph.edgeType[link.edge] === graph.edgeTypes.internal ||
    graph.edgeType[link.edge] === graph.edgeTypes.hidden;
  for (const link of links) if (!bare(link)) reached.add(link.other);
  return links.filter((link) => {
    if (bare(link) && reached.has(link.other)) return false;
    const key = `${link.other} ${graph.edgeType[link.edge]} ${graph.edgeName(link.edge)}`;
    if (named.has(key)) return false;
    named.add(key);
    return true;
  });
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

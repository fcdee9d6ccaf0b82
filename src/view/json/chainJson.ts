import type { RetainerChain } from '../../analysis/chain.js';
import type { Distances } from '../../analysis/distances.js';
import type { Dominators } from '../../analysis/dominatorTypes.js';
import type { EdgeSummary, NotFoundReason, RootKind } from '../../analysis/types.js';
import type { HeapGraph } from '../../snapshot/heapGraph.js';
import { chainView } from '../chainView.js';
import type { LeftOut } from '../exclusions.js';
import type { AnchorKind, ChainView, UserChain } from '../types.js';
import { type NodeSummary, nodeToJson } from './nodeJson.js';

/** The user chain as JSON (DESIGN.md, "The user view"): where it starts, its steps and the raw ids they fold. */
export interface UserChainJson {
  anchor: { kind: AnchorKind; name: string; node: NodeSummary; holderId: number; edge: number };
  steps: Array<{ label: string; raw: boolean; node: NodeSummary; rawNodes: number[]; rawEdges: number[] }>;
  accessPath: string;
}

/** DESIGN.md's JSON of a chain, found: the stable keys, then the user chain's and what was left out. */
export interface ChainFound extends Partial<UserChainJson> {
  target: NodeSummary;
  found: true;
  rootKind: RootKind;
  distance: number;
  /** nodes[0] is the snapshot's root, the last one the target. */
  nodes: NodeSummary[];
  /** edges[i] goes from nodes[i] to nodes[i + 1]. */
  edges: EdgeSummary[];
  leftOut?: LeftOut;
}

/** DESIGN.md's JSON of a chain that was not found: why, with empty lists. */
export interface ChainNotFound {
  target: NodeSummary;
  found: false;
  reason: NotFoundReason;
  nodes: [];
  edges: [];
  leftOut?: LeftOut;
}

/** DESIGN.md's JSON of a chain: `found` tells the two shapes apart (see `isChainFound`). */
export type ChainResult = ChainFound | ChainNotFound;

function edgeToJson(edge: EdgeSummary): EdgeSummary {
  return { type: edge.type, name: edge.name };
}

/** The user chain added to the stable shape (DESIGN.md): anchor, steps with the raw ids they fold, accessPath. */
export function userChainJson(user: UserChain): UserChainJson {
  const { anchor } = user;
  return {
    anchor: {
      kind: anchor.kind,
      name: anchor.name,
      node: nodeToJson(anchor.node),
      holderId: anchor.holderId,
      edge: anchor.edge,
    },
    steps: user.steps.map((step) => ({
      label: step.label,
      raw: step.raw,
      node: nodeToJson(step.node),
      rawNodes: step.rawNodes,
      rawEdges: step.rawEdges,
    })),
    accessPath: user.accessPath,
  };
}

/**
 * The one builder of DESIGN.md's "JSON of a chain": what `--format json` prints and what
 * heapdot/live's whyAlive returns. Keys in the contract's order; the user chain and `leftOut`
 * only when the view has them.
 */
export function chainObject(view: ChainView): ChainResult {
  const target = nodeToJson(view.target);
  const leftOut = view.leftOut && { leftOut: view.leftOut };
  if (!view.found) return { target, found: false, reason: view.reason, nodes: [], edges: [], ...leftOut };
  return {
    target,
    found: true,
    rootKind: view.rootKind,
    distance: view.distance,
    nodes: view.nodes.map(nodeToJson),
    edges: view.edges.map(edgeToJson),
    ...(view.user && userChainJson(view.user)),
    ...leftOut,
  };
}

/** A retainer chain straight to its JSON object (DevTools' chain, no user view): what whyAlive returns. */
export function chainResult(
  graph: HeapGraph,
  distances: Distances,
  target: number,
  chain: RetainerChain,
  dominators?: Dominators,
): ChainResult {
  return chainObject(chainView(graph, distances, target, chain, '', dominators));
}

/** The chain as DESIGN.md's "JSON of a chain", two-space indented, with a final newline. */
export function chainToJson(view: ChainView): string {
  return `${JSON.stringify(chainObject(view), null, 2)}\n`;
}

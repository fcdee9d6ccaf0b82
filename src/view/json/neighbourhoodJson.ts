import type { ClassShare } from '../../analysis/classShares.js';
import type { Direction } from '../../analysis/types.js';
import type { GraphEdgeView, GraphNodeView, NeighbourhoodView } from '../types.js';
import type { NodeSummary } from './nodeJson.js';
import { nodeToJson } from './nodeJson.js';

/** An object box: the stable Node JSON, then where and how it is drawn. */
export interface NeighbourhoodObjectJson extends NodeSummary {
  depth: number;
  target?: true;
  highlighted?: true;
  expanded: boolean;
  /** User view: the box is an anchor, in words (`module server.mjs`). */
  anchor?: string;
}

/** A "N more" box: how many neighbours of `of` (a snapshot id) were left out. */
export interface NeighbourhoodMoreJson {
  more: number;
  direction: Direction;
  of: number | string;
  depth: number;
  /** The largest classes of those left out, by count: `size` is their self size together. */
  classes: ClassShare[];
  /** How many other classes they have. */
  otherClasses: number;
}

/**
 * An arrow, holder -> held. `from` and `to` are snapshot ids, or the key of a "more" box
 * (e.g. `more:123:retainers`); `type` and `name` are the snapshot's edge, absent for the arrow
 * to or from a "more" box.
 */
export interface NeighbourhoodEdgeJson {
  from: number | string;
  to: number | string;
  type?: string;
  name?: string | number;
  /** The user view's step (absent under --raw), and the ids of the internal objects it folds. */
  step?: string;
  folded?: number[];
}

export interface NeighbourhoodJson {
  kind: NeighbourhoodView['kind'];
  snapshot: string;
  targets: number[];
  maxDepth: number;
  nodes: Array<NeighbourhoodObjectJson | NeighbourhoodMoreJson>;
  edges: NeighbourhoodEdgeJson[];
  notes: string[];
  /** The user view (absent under --raw): how many internal objects the arrows fold, and how many it hid. */
  userView?: { folded: number; hidden: number };
}

function nodeJson(
  view: GraphNodeView,
  idOf: (key: string) => number | string,
): NeighbourhoodObjectJson | NeighbourhoodMoreJson {
  if (view.kind === 'more') {
    return {
      more: view.count,
      direction: view.direction,
      of: idOf(view.of),
      depth: view.depth,
      classes: view.breakdown.classes.map((share) => ({ ...share })),
      otherClasses: view.breakdown.otherClasses,
    };
  }
  // Optional flags only when set, keys in a fixed order.
  const target = view.isTarget ? { target: true as const } : {};
  const highlighted = view.highlighted ? { highlighted: true as const } : {};
  const anchor = view.anchor === undefined ? {} : { anchor: view.anchor };
  return {
    ...nodeToJson(view.node),
    depth: view.depth,
    ...target,
    ...highlighted,
    expanded: view.expanded,
    ...anchor,
  };
}

function edgeJson(view: GraphEdgeView, idOf: (key: string) => number | string): NeighbourhoodEdgeJson {
  const json: NeighbourhoodEdgeJson = { from: idOf(view.from), to: idOf(view.to) };
  if (view.edge !== undefined) {
    json.type = view.edge.type;
    json.name = view.edge.name;
  }
  if (view.step !== undefined) {
    json.step = view.step.label;
    json.folded = [...view.step.folded];
  }
  return json;
}

/** The neighbourhood as a plain object (see `neighbourhoodToJson`). */
export function neighbourhoodObject(view: NeighbourhoodView): NeighbourhoodJson {
  const ids = new Map<string, number>();
  for (const node of view.nodes) if (node.kind === 'object') ids.set(node.key, node.node.id);
  // A key that names no object box (a "more" box) stays a string.
  const idOf = (key: string): number | string => ids.get(key) ?? key;
  return {
    kind: view.kind,
    snapshot: view.snapshotName,
    targets: [...view.targets],
    maxDepth: view.maxDepth,
    nodes: view.nodes.map((node) => nodeJson(node, idOf)),
    edges: view.edges.map((edge) => edgeJson(edge, idOf)),
    notes: [...view.notes],
    ...(view.userView && { userView: { ...view.userView } }),
  };
}

/**
 * A backrefs/refs/paths neighbourhood as JSON, two-space indented, with a final newline:
 * `{ kind, snapshot, targets, maxDepth, nodes, edges, notes }`, nodes and edges in the view's
 * order. Object nodes are DESIGN.md's Node plus `depth`, `target`, `highlighted`, `expanded`;
 * "more" boxes are `{ more, direction, of, depth }`; edges `{ from, to, type, name }` with
 * snapshot ids, or a "more" box's key (`type` and `name` are the last raw edge's), and in the user
 * view `step` and `folded` (the ids of the internal objects the arrow folds).
 */
export function neighbourhoodToJson(view: NeighbourhoodView): string {
  return `${JSON.stringify(neighbourhoodObject(view), null, 2)}\n`;
}

import type { UserChain } from '../view/types.js';
import type { ClassBreakdown } from './classShares.js';

/** A node as heapdot reports it (DESIGN.md, "JSON of a chain"). */
export interface NodeSummary {
  id: number;
  type: string;
  name: string;
  className: string;
  /** DevTools' shallow size: V8's size plus the hidden and array objects only this node owns. */
  selfSize: number;
  /** V8's own size of the node, as the snapshot has it. */
  v8SelfSize: number;
  distance?: number;
  retainedSize?: number;
  detached?: boolean;
}

/** An edge as heapdot reports it; `name` is a number for element and hidden edges. */
export interface EdgeSummary {
  type: string;
  name: string | number;
}

export type RootKind = 'user' | 'system';
export type NotFoundReason = 'unreachable' | 'weak-only';

/** DESIGN.md's JSON of a chain, exactly: `found` tells the two shapes apart. */
export interface ChainFound {
  target: NodeSummary;
  found: true;
  rootKind: RootKind;
  distance: number;
  /** nodes[0] is the snapshot's root, the last one the target. */
  nodes: NodeSummary[];
  /** edges[i] goes from nodes[i] to nodes[i + 1]. */
  edges: EdgeSummary[];
}

export interface ChainNotFound {
  target: NodeSummary;
  found: false;
  reason: NotFoundReason;
  nodes: [];
  edges: [];
}

export type ChainResult = ChainFound | ChainNotFound;

export function isChainFound(result: ChainResult): result is ChainFound {
  return result.found;
}

/** What a picture or a text line needs to know of one node, beyond its JSON summary. */
export interface NodeView extends NodeSummary {
  /**
   * What a box or a line of text calls the node (see `displayName`): its class, but `(root)` for
   * the snapshot's root and a GC root category's own name (`(Stack roots)`) for the synthetic
   * nodes, whose class `(synthetic)` says nothing.
   */
  title: string;
  /** A short value: a string's text, a number's value, a closure's name, an array's length. Not yet cut. */
  preview?: string;
  /** `script:line` (1-based line) of a closure or object, from the snapshot's locations. */
  location?: string;
  /** The snapshot's root, `(GC roots)` or one of its categories: drawn green. */
  isGcRoot: boolean;
  /** A user root (Node's `global`, a page's `Window`): drawn green. */
  isUserRoot: boolean;
}

/** A found chain, or the reason there is none, ready to render. */
export interface ChainView {
  /** The snapshot's file name, for titles and Markdown. */
  snapshotName: string;
  target: NodeView;
  found: boolean;
  reason?: NotFoundReason;
  rootKind?: RootKind;
  distance?: number;
  /** Root first, target last. */
  nodes: NodeView[];
  /** edges[i] goes from nodes[i] to nodes[i + 1]. */
  edges: EdgeSummary[];
  /** The user view's chain (src/view), absent under --raw or when no anchor reaches the target. */
  user?: UserChain;
}

/** Which way a neighbourhood grows from its targets. */
export type Direction = 'retainers' | 'references';

/** One box of a backrefs/refs picture. */
export type GraphNodeView =
  | {
      kind: 'object';
      /** A stable DOT id: `o` and the snapshot id. */
      key: string;
      node: NodeView;
      /** Steps from the nearest target (targets have depth 0). */
      depth: number;
      isTarget: boolean;
      /** Matched --highlight: drawn blue. */
      highlighted: boolean;
      /** False for roots, --stop-at matches and nodes at the depth limit: their neighbours are not drawn. */
      expanded: boolean;
      /** User view: the box is an anchor, named in words (`module server.mjs`), not an object. */
      anchor?: string;
    }
  | {
      kind: 'more';
      key: string;
      /** How many neighbours of `of` were left out. */
      count: number;
      /** Their largest classes, with counts and self sizes. */
      breakdown: ClassBreakdown;
      direction: Direction;
      /** The key of the node whose neighbours these are. */
      of: string;
      depth: number;
    };

/** One arrow of a backrefs/refs picture, always drawn in the heap's direction (holder -> held). */
export interface GraphEdgeView {
  from: string;
  to: string;
  /** The snapshot's edge; undefined for the arrow to or from a "more" box. */
  edge?: EdgeSummary;
  /** The user view's step this arrow draws (`.sessions`, `[3]`, `captures state`); absent under --raw. */
  step?: ArrowStep;
}

/** A user-level step drawn as one arrow: what it says, and the internal objects it folds. */
export interface ArrowStep {
  label: string;
  /** A hop no folding rule covers, drawn as the snapshot names it. */
  raw: boolean;
  /** Snapshot ids of the internal objects folded into the arrow, holder side first. */
  folded: number[];
}

/** A neighbourhood of one or more targets: what backrefs, refs and merged chains draw. */
export interface NeighbourhoodView {
  kind: 'backrefs' | 'refs' | 'paths';
  snapshotName: string;
  /** The snapshot ids of the targets. */
  targets: number[];
  /** The deepest depth drawn. */
  maxDepth: number;
  nodes: GraphNodeView[];
  edges: GraphEdgeView[];
  /** Sentences the picture shows in a note box and the CLI prints on stderr (e.g. a cut at --max-nodes). */
  notes: string[];
  /** Drawn in the user view (arrows carry steps): how many internal objects were folded and hidden. */
  userView?: { folded: number; hidden: number };
}

/** A node of a dominated subtree: what it dominates, largest first, the rest counted. */
export interface DominatorSubtree {
  node: NodeView;
  children: DominatorSubtree[];
  /** Children left out by --too-many: how many, and their retained size together. */
  more?: { count: number; retainedSize: number };
}

/** What `heapdot dominators` shows: the objects whose release would free the target, and what it holds alone. */
export interface DominatorsView {
  snapshotName: string;
  target: NodeView;
  /** Root first, target last: each dominates the next. */
  chain: NodeView[];
  /** The target's dominated subtree, to --depth (absent for depth 0). */
  subtree?: DominatorSubtree;
}

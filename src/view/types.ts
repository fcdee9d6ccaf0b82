import type { ClassBreakdown } from '../analysis/classShares.js';
import type { Direction, EdgeSummary, NotFoundReason, RootKind } from '../analysis/types.js';
import type { LeftOut } from './exclusions.js';
import type { NodeSummary } from './json/nodeJson.js';

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
  /** The snapshot's root, `(GC roots)` or one of its categories. */
  isGcRoot: boolean;
  /** A user root (Node's `global`, a page's `Window`) at distance 1. */
  isUserRoot: boolean;
}

/** What a chain's view says whether it was found or not. */
interface ChainViewBase {
  /** The snapshot's file name, for titles and Markdown. */
  snapshotName: string;
  target: NodeView;
  /** Retainers the searches left out (--ignore, --avoid); absent when none were. */
  leftOut?: LeftOut;
}

/** A found chain, ready to render: DevTools' shortest chain, and the user view's when there is one. */
export interface FoundChainView extends ChainViewBase {
  found: true;
  rootKind: RootKind;
  /** Edges from the snapshot's root to the target: `edges.length`. */
  distance: number;
  /** Root first, target last. */
  nodes: NodeView[];
  /** edges[i] goes from nodes[i] to nodes[i + 1]. */
  edges: EdgeSummary[];
  /** The user view's chain, absent under --raw or when no anchor reaches the target. */
  user?: UserChain;
}

/** A target with no retainer chain, and why. */
export interface NotFoundChainView extends ChainViewBase {
  found: false;
  reason: NotFoundReason;
  nodes: [];
  edges: [];
  /** Always absent; declared so that code holding either shape can read `user` (set only on found chains). */
  user?: undefined;
}

/** A found chain, or the reason there is none: `found` tells the two apart. */
export type ChainView = FoundChainView | NotFoundChainView;

/** Whether a chain (a view, or the JSON whyAlive returns) was found: narrows to the found shape. */
export function isChainFound<Chain extends { found: boolean }>(
  chain: Chain,
): chain is Extract<Chain, { found: true }> {
  return chain.found;
}

/** One box of a backrefs/refs picture. */
export type GraphNodeView =
  | {
      kind: 'object';
      /** Unique in the view: `o` and the snapshot id (renderers use it as the box's id). */
      key: string;
      node: NodeView;
      /** Steps from the nearest target (targets have depth 0). */
      depth: number;
      isTarget: boolean;
      /** Matched --highlight. */
      highlighted: boolean;
      /** False for roots, --stop-at matches and nodes at the depth limit: their neighbours are not drawn. */
      expanded: boolean;
      /** User view: the box is an anchor, named in words (`module server.mjs`), not an object. */
      anchor?: string;
    }
  | {
      kind: 'more';
      /** Unique in the view: `more:`, the id of the node whose neighbours these are, and the direction. */
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
  /** The user view of the same (absent with --raw). */
  user?: UserDominators;
}

/** One dominator as the user view lists it: the object, and the JavaScript that reaches it. */
export interface UserDominator {
  /** Index into the raw chain (DominatorsView.chain). */
  index: number;
  /** The target's access path up to this object, when the object is on the user chain. */
  accessPath?: string;
}

/** The dominators of the user view: V8's own objects left out, each user object named by its path. */
export interface UserDominators {
  /** Root first, target last, without V8's own classes. */
  chain: UserDominator[];
  /** V8-internal dominators left out of the chain (Contexts, backing stores, tables). */
  leftOut: number;
  /** The target's dominated subtree, each V8-internal object replaced by what it dominates. */
  subtree?: DominatorSubtree;
  /** V8-internal objects of the subtree whose children took their place. */
  subtreeLeftOut: number;
}

/**
 * Where a user-level chain starts, in the order ties go (DESIGN.md, "The user view"): a module's
 * top-level variable, a globalThis (or Window) property, an active timer's callback, a Promise
 * that callbacks wait on (pending, with reactions), and last,
 * only when nothing else reaches the target, what the stack or native code holds. A page's
 * event listener (`<button id=save> click listener`) ranks after them in ties; what only the
 * DevTools console holds (`$_`, a logged object) is a last resort of its own, no leak of the page.
 */
export type AnchorKind = 'module' | 'global' | 'timer' | 'promise' | 'native' | 'listener' | 'console';

export const ANCHOR_KINDS: readonly AnchorKind[] = [
  'module',
  'global',
  'timer',
  'promise',
  'native',
  'listener',
  'console',
];

export interface UserAnchor {
  kind: AnchorKind;
  /** In words: `server.mjs: configBus`, `globalThis.process`, `setInterval(pollChannel, 60000)`, `pending Promise @42`. */
  name: string;
  /** The object the chain starts at. */
  node: NodeView;
  /** The holder's snapshot id (the module's Context, the global, the Timeout, the promise's first retainer, the GC root category). */
  holderId: number;
  /** The snapshot's edge from the holder to the anchor's object (its index in the edges section). */
  edge: number;
}

/** One user-level step: a JavaScript reference, and the raw edges of V8's graph it stands for. */
export interface UserStep {
  /** `.name`, `["odd key"]`, `[3]`, `.get("key")`, `key of`, `has(…)`, `captures name`, `bound this`, `then(fn)`. */
  label: string;
  /** The label as it joins the access path (`.x` and `[3]` attach, words follow a space). */
  path: string;
  /** True for a hop no folding rule covers, shown as the snapshot names it. */
  raw: boolean;
  /** The user-visible node the step reaches. */
  node: NodeView;
  /** Snapshot ids of the internal nodes folded into the step (Contexts, backing stores, tables). */
  rawNodes: number[];
  /** Edge indexes, in order, from the previous step's node through rawNodes to node. */
  rawEdges: number[];
}

/** The user chain to a target: its anchor, its steps, and the one line that reads as code. */
export interface UserChain {
  anchor: UserAnchor;
  steps: UserStep[];
  accessPath: string;
  /** How many internal nodes the steps fold away. */
  foldedCount: number;
}

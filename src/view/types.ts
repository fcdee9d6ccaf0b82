import type { NodeView } from '../analysis/types.js';

/**
 * Where a user-level chain starts, in the order ties go (DESIGN.md, "The user view"): a module's
 * top-level variable, a globalThis (or Window) property, an active timer's callback, a Promise
 * that callbacks wait on (pending, with reactions), and last,
 * only when nothing else reaches the target, what the stack or native code holds.
 */
export type AnchorKind = 'module' | 'global' | 'timer' | 'promise' | 'native';

export const ANCHOR_KINDS: readonly AnchorKind[] = ['module', 'global', 'timer', 'promise', 'native'];

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

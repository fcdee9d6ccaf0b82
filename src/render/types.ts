import type { EdgeSummary, NodeSummary, NotFoundReason, RootKind } from '../analysis/types.js';

/** What a picture or a text line needs to know of one node, beyond its JSON summary. */
export interface NodeView extends NodeSummary {
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
}

export type OutputFormat = 'dot' | 'text' | 'markdown' | 'mermaid' | 'json';
export type ImageFormat = 'svg' | 'png' | 'pdf';

import type { AnalysisNote, EdgeSummary } from './types.js';

/**
 * Merged shortest paths to GC roots (Eclipse MAT's "merge shortest paths to GC roots"): the
 * shortest chain of every matched object, merged into one tree from the snapshot's root down.
 * Made by `pathsTree` in pathsTree.ts.
 */

/** What a tree node stands for: the snapshot's root, a step of the merged chains, the siblings cut by --top and --min-count, or the matches no strong path reaches. */
export type PathsNodeKind = 'root' | 'object' | 'more' | 'unreachable';

export interface PathsTreeNode {
  kind: PathsNodeKind;
  /**
   * The class name of the objects at this step (a synthetic root's own name, e.g. `(GC roots)`);
   * `(root)`, `N more` or `(unreachable)` for the other kinds.
   */
  name: string;
  /**
   * The edge from the parent step: its type and one real name. Edges named by a slot number merge
   * whatever the number: element and hidden indexes (`requests[0]` .. `requests[59]` make one
   * step) and the numbered internal slots of a Map's or Set's table. `name` is the first merged
   * object's, `indexRange` the smallest and largest number. Null for the root, "more" and "(unreachable)".
   */
  edge: EdgeSummary | null;
  /** For merged numbered edges: the smallest and largest number seen. */
  indexRange?: [number, number];
  /** How many matched objects are reached through this step (itself included). */
  count: number;
  /** How many matched objects are this step itself (the chains that end here). */
  matched: number;
  /**
   * The retained size of those matched objects, each counted once: a match that another match
   * dominates adds nothing (DevTools' class retained size).
   */
  retainedSize: number;
  /** How many distinct heap objects were merged into this step (0 for "more"; the unreached matches for "(unreachable)"). */
  objects: number;
  /** The snapshot id of one object at this step (on the chain of the first match, in snapshot order). */
  exampleId?: number;
  /** For "more": how many sibling steps it stands for. */
  folded?: number;
  /** Largest count first (then largest retained size, then first met); "(unreachable)" last. */
  children: PathsTreeNode[];
}

export interface PathsTree {
  root: PathsTreeNode;
  /** How many objects the target matched. */
  matched: number;
  /** How many of them no strong path reaches (unreachable or weak-only). */
  unreachable: number;
  /** The most steps from the root to a leaf of the pruned tree. */
  height: number;
  /** What the picture shows in a note box and the CLI prints on stderr (a cut at the step budget), worded by noteText. */
  notes: AnalysisNote[];
}

export interface PathsTreeOptions {
  /** Steps reached by fewer matched objects are folded into their parent's "N more". @default 1 */
  minCount?: number;
  /** Children kept per step, largest count first; the rest are folded into one "N more". @default 10 */
  top?: number;
  /** Steps drawn at most: a bigger tree is cut at the last depth that fits, with a note. @default 400 */
  maxNodes?: number;
}

export const PATHS_DEFAULTS: Readonly<Required<PathsTreeOptions>> = { minCount: 1, top: 10, maxNodes: 400 };

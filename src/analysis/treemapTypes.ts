import type { ClassBreakdown } from './classShares.js';

/**
 * A dominator subtree cut for a treemap: the boxes to draw and their sizes, before any layout.
 * Made by `treemapModel` in treemapModel.ts; laid out and drawn in src/render.
 */

/** An object of the dominator tree, or the rest of its parent's retained size (its own size and the small objects it dominates). */
export type TreemapItemKind = 'object' | 'rest';

export interface TreemapItem {
  kind: TreemapItemKind;
  /** The class name (see `displayName`); `N more` or `(self)` for a rest box. */
  name: string;
  /** The snapshot id of an object box. */
  id?: number;
  /** Bytes: an object's retained size; a rest box's share of its parent's. */
  size: number;
  /** A rest box: how many dominated objects it stands for (0: only the parent's own size). */
  folded?: number;
  /** A rest box: the largest classes of the objects it stands for, with their retained sizes. */
  breakdown?: ClassBreakdown;
  /**
   * An expanded object's boxes, largest first: the objects it immediately dominates that are at
   * least `minSize`, then one rest box, so that the children's sizes add up to the parent's.
   */
  children: TreemapItem[];
}

export interface TreemapModel {
  root: TreemapItem;
  /** Whether the picture starts at the snapshot's root (else at a chosen target). */
  fromSnapshotRoot: boolean;
  /** The levels below the root that were expanded at most. */
  depth: number;
  /** Objects smaller than this (bytes) were folded into their parent's rest box. */
  minSize: number;
}

export interface TreemapOptions {
  /** How many levels below the root to draw. @default 3 */
  depth?: number;
  /** Objects retaining less than this share of the root's retained size are folded into a rest box. @default 0.005 */
  minShare?: number;
}

export const TREEMAP_DEFAULTS: Readonly<Required<TreemapOptions>> = { depth: 3, minShare: 0.005 };

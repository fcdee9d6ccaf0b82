import { type HierarchyRectangularNode, hierarchy, treemap, treemapSquarify } from 'd3-hierarchy';
import type { TreemapItem, TreemapModel } from '../analysis/treemapTypes.js';

/** One laid-out box: where it is drawn and what it stands for (an item without its children). */
export interface TreemapBox extends Omit<TreemapItem, 'children'> {
  /** 0 for the root box. */
  depth: number;
  /** Pixels from the top left corner, whole numbers. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Whether the box holds boxes (its label goes in the band at its top). */
  nested: boolean;
}

export interface TreemapPicture {
  width: number;
  height: number;
  /** Whether the root box is the snapshot's root (else a chosen target). */
  fromSnapshotRoot: boolean;
  /** Boxes in pre-order: each parent before the boxes inside it. */
  boxes: TreemapBox[];
}

export interface TreemapLayoutOptions {
  /** @default 1200 */
  width?: number;
  /** @default 800 */
  height?: number;
}

export const TREEMAP_SIZE = { width: 1200, height: 800 } as const;

/** The height of the band at the top of a nested box that holds its label. */
export const LABEL_BAND = 15;
/** A nested box shorter or narrower than this gets no band: its children take it all. */
const BAND_MIN_HEIGHT = 2 * LABEL_BAND;
const BAND_MIN_WIDTH = 40;

/**
 * d3-hierarchy's squarified treemap of the model: a box's area is proportional to its size (its
 * children's sizes add up to its own), nested boxes leave a band at the top for their label and
 * a 2-pixel frame, coordinates are rounded to whole pixels. Deterministic: children keep the
 * model's order (largest first).
 */
export function treemapLayout(model: TreemapModel, options: TreemapLayoutOptions = {}): TreemapPicture {
  const width = options.width ?? TREEMAP_SIZE.width;
  const height = options.height ?? TREEMAP_SIZE.height;
  const root = hierarchy<TreemapItem>(model.root, (item) => (item.children.length > 0 ? item.children : null))
    // Leaves carry the sizes; a parent's value is its children's sum, which the rest box makes its retained size.
    .sum((item) => (item.children.length > 0 ? 0 : item.size));
  const layout = treemap<TreemapItem>()
    .tile(treemapSquarify)
    .size([width, height])
    .paddingInner(1)
    .paddingOuter(2)
    .paddingTop((node) => {
      const box = node as HierarchyRectangularNode<TreemapItem>;
      const roomy = box.y1 - box.y0 >= BAND_MIN_HEIGHT && box.x1 - box.x0 >= BAND_MIN_WIDTH;
      return roomy ? LABEL_BAND : 2;
    })
    .round(true);
  const boxes: TreemapBox[] = [];
  layout(root).eachBefore((node) => {
    const item = node.data;
    const box: TreemapBox = {
      kind: item.kind,
      name: item.name,
      size: item.size,
      depth: node.depth,
      x: node.x0,
      y: node.y0,
      width: node.x1 - node.x0,
      height: node.y1 - node.y0,
      nested: node.children !== undefined,
    };
    if (item.id !== undefined) box.id = item.id;
    if (item.folded !== undefined) box.folded = item.folded;
    if (item.breakdown !== undefined) box.breakdown = item.breakdown;
    boxes.push(box);
  });
  return { width, height, fromSnapshotRoot: model.fromSnapshotRoot, boxes };
}

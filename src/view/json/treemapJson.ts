import type { TreemapPicture } from '../treemapLayout.js';

/**
 * The laid-out treemap as JSON, two-space indented, with a final newline:
 * `{ width, height, boxes: [{ kind, name, id?, size, folded?, depth, x, y, width, height, nested }] }`,
 * boxes in pre-order (a parent before the boxes inside it), coordinates in whole pixels.
 */
export function treemapToJson(picture: TreemapPicture): string {
  const { width, height, boxes } = picture;
  const json = {
    width,
    height,
    boxes: boxes.map((box) => {
      const { kind, name, id, size, folded, depth, x, y, width: boxWidth, height: boxHeight, nested } = box;
      return { kind, name, id, size, folded, depth, x, y, width: boxWidth, height: boxHeight, nested };
    }),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

import type { TreemapPicture } from '../../view/treemapLayout.js';
import { formatBytes } from '../formatBytes.js';
import { cutText, NAME_MAX, visibleText } from '../label.js';

export interface TreemapTextOptions {
  /** The first line. @default none */
  title?: string;
}

/**
 * The boxes of a treemap as an indented list, one line per box in pre-order: its size, then its
 * class name (indented by depth) and `@id`, or what a rest box stands for.
 * ```
 * treemap of (root) @1 in app.heapsnapshot
 *  retained  box
 *   4.1 MiB  (root) @1
 *   2.1 MiB    BigCache @81551
 *   1.5 MiB      Array @81553
 * ```
 * Heap text is made visible (`visibleText`), never raw. Every line ends with a newline.
 */
export function treemapToText(picture: TreemapPicture, options: TreemapTextOptions = {}): string {
  const sizes = picture.boxes.map((box) => formatBytes(box.size));
  const width = Math.max('retained'.length, ...sizes.map((size) => size.length));
  const lines = options.title === undefined ? [] : [visibleText(options.title)];
  lines.push(`${'retained'.padStart(width)}  box`);
  picture.boxes.forEach((box, index) => {
    const name = visibleText(cutText(box.name, NAME_MAX));
    const what = box.kind === 'rest' ? name : `${name} @${box.id}`;
    lines.push(`${sizes[index].padStart(width)}  ${'  '.repeat(box.depth)}${what}`);
  });
  return `${lines.join('\n')}\n`;
}

import { LABEL_BAND, type TreemapBox, type TreemapPicture } from '../../view/treemapLayout.js';
import { formatBytes } from '../formatBytes.js';
import { cutText } from '../label.js';
import {
  BOX_OUTLINE,
  CHAR_EM,
  depthShade,
  FONT_STACK,
  INTERNAL_EDGE_COLOR,
  ROOT_FILL,
  ROOT_OUTLINE,
  TARGET_COLOR,
  WHITE,
} from '../palette.js';
import { breakdownLines } from '../text/moreText.js';
import { escapeXml } from './xmlText.js';

export interface TreemapSvgOptions {
  /** The picture's title (an SVG `<title>`, shown by viewers as a tooltip). @default none */
  title?: string;
}

const FONT_SIZE = 11;
const LINE_HEIGHT = 13;
const CHAR_WIDTH = FONT_SIZE * CHAR_EM;
const TEXT_INSET = 3;
const MIN_CHARS = 4;

/** How many characters fit on one line of a box `width` pixels wide. */
function charsThatFit(width: number): number {
  return Math.floor((width - 2 * TEXT_INSET) / CHAR_WIDTH);
}

/** `text` whole if it fits in `chars`, cut with `…` if at least MIN_CHARS do, else nothing. */
function fitted(text: string, chars: number): string | undefined {
  if (Array.from(text).length <= chars) return text;
  return chars >= MIN_CHARS ? cutText(text, chars - 1) : undefined;
}

/**
 * The label lines of a box that fit in it: `name · size` on one line in a nested box's band;
 * name then size in a leaf tall enough for two lines, else one line; nothing in a box too small.
 */
export function boxLabelLines(box: TreemapBox): string[] {
  const chars = charsThatFit(box.width);
  const size = formatBytes(box.size);
  const both = `${box.name} · ${size}`;
  if (box.nested) {
    if (box.height < 2 * LABEL_BAND) return [];
    if (Array.from(both).length <= chars) return [both];
    const name = fitted(box.name, chars);
    return name === undefined ? [] : [name];
  }
  const lines = Math.floor((box.height - TEXT_INSET) / LINE_HEIGHT);
  if (lines < 1) return [];
  if (lines >= 2) {
    const name = fitted(box.name, chars);
    if (name === undefined) return [];
    if (Array.from(size).length > chars) return [name];
    // A rest box then says what it holds, as many of its classes as there is room for.
    const held = breakdownLines(box.breakdown).flatMap((line) => fitted(line, chars) ?? []);
    return [name, size, ...held.slice(0, lines - 2)];
  }
  if (Array.from(both).length <= chars) return [both];
  const name = fitted(box.name, chars);
  return name === undefined ? [] : [name];
}

interface BoxColors {
  fill: string;
  stroke: string;
  text: string;
  dashed: boolean;
}

/** The pictures' scheme (palette.ts): the snapshot's root green, a target outlined red, white to grey by depth, rest boxes white and dashed. */
function boxColors(box: TreemapBox, maxDepth: number, fromSnapshotRoot: boolean): BoxColors {
  if (box.kind === 'rest') return { fill: WHITE, stroke: INTERNAL_EDGE_COLOR, text: 'black', dashed: true };
  if (box.depth === 0 && fromSnapshotRoot)
    return { fill: ROOT_FILL, stroke: ROOT_OUTLINE, text: 'black', dashed: false };
  // Half objgraph's range (white to a mid grey): large dark areas would drown the labels.
  const { fill, text } = depthShade(box.depth, 2 * Math.max(1, maxDepth));
  if (box.depth === 0) return { fill, stroke: TARGET_COLOR, text: TARGET_COLOR, dashed: false };
  return { fill, stroke: BOX_OUTLINE, text, dashed: false };
}

/** The tooltip of a box: what it stands for, in full. */
function boxTitle(box: TreemapBox): string {
  if (box.kind === 'rest') {
    const what = box.folded
      ? `${box.folded} smaller objects and the parent's own size`
      : "the parent's own size";
    const held = breakdownLines(box.breakdown);
    return `${box.name}: ${what}, ${formatBytes(box.size)}${held.length > 0 ? `; ${held.join(', ')}` : ''}`;
  }
  return `${box.name} @${box.id} · retained ${formatBytes(box.size)}`;
}

function boxSvg(box: TreemapBox, maxDepth: number, fromSnapshotRoot: boolean): string {
  const colors = boxColors(box, maxDepth, fromSnapshotRoot);
  const data = [
    `data-kind="${box.kind}"`,
    ...(box.id === undefined ? [] : [`data-id="${box.id}"`]),
    `data-depth="${box.depth}"`,
    `data-size="${box.size}"`,
  ].join(' ');
  const dash = colors.dashed ? ' stroke-dasharray="3,2"' : '';
  const width = box.depth === 0 && !fromSnapshotRoot ? 2 : 1;
  const parts = [
    `<g ${data}>`,
    `<title>${escapeXml(boxTitle(box))}</title>`,
    // Half-pixel offsets put a 1-pixel stroke on whole pixels.
    `<rect x="${box.x + 0.5}" y="${box.y + 0.5}" width="${Math.max(0, box.width - 1)}" height="${Math.max(0, box.height - 1)}" fill="${colors.fill}" stroke="${colors.stroke}" stroke-width="${width}"${dash}/>`,
  ];
  boxLabelLines(box).forEach((line, index) => {
    const y = box.y + TEXT_INSET + FONT_SIZE - 1 + index * LINE_HEIGHT;
    parts.push(
      `<text x="${box.x + TEXT_INSET + 1}" y="${y}" fill="${colors.text}">${escapeXml(line)}</text>`,
    );
  });
  parts.push('</g>');
  return parts.join('');
}

/**
 * A laid-out treemap as a standalone SVG document, drawn by hand (no Graphviz): one `<g>` per box
 * in pre-order (a parent before the boxes inside it), holding a `<title>` tooltip, a `<rect>` and
 * the label lines that fit (class name and size; nothing in a box too small to hold them). Each
 * `<g>` carries `data-kind`, `data-id`, `data-depth` and `data-size` for scripts. All heap text is
 * XML-escaped; numbers are whole pixels; the same picture gives the same bytes.
 */
export function treemapToSvg(picture: TreemapPicture, options: TreemapSvgOptions = {}): string {
  const { width, height } = picture;
  const maxDepth = picture.boxes.reduce((deepest, box) => Math.max(deepest, box.depth), 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_STACK}" font-size="${FONT_SIZE}">`,
  ];
  if (options.title !== undefined) lines.push(`<title>${escapeXml(options.title)}</title>`);
  lines.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="${WHITE}"/>`);
  for (const box of picture.boxes) {
    if (box.width < 1 || box.height < 1) continue;
    lines.push(boxSvg(box, maxDepth, picture.fromSnapshotRoot));
  }
  lines.push('</svg>');
  return `${lines.join('\n')}\n`;
}

/**
 * The colours and fonts of every heapdot picture, DOT and hand-drawn SVG alike (DESIGN.md, "What
 * the pictures look like"): objgraph's scheme of a white-to-grey depth gradient, green roots, a
 * red target. Colours are fixed hex strings so the output is the same on every machine.
 */
export const ROOT_FILL = '#a5d6a7';
export const ROOT_OUTLINE = '#2e7d32';
export const TARGET_COLOR = '#d32f2f';
export const HIGHLIGHT_FILL = '#90caf9';
export const NOTE_FILL = '#fff9c4';
export const WHITE = '#ffffff';
/** V8's internal edge names, and arrows or boxes that stand for no one object. */
export const INTERNAL_EDGE_COLOR = '#808080';
/** A step the user view drew as V8 wrote it (no folding rule covers it). */
export const RAW_STEP_COLOR = 'grey40';
/** The outline of an ordinary treemap box. */
export const BOX_OUTLINE = '#606060';

/** Helvetica is one of the fonts Graphviz can measure without fontconfig, so WASM and system dot agree. */
export const DOT_FONT = 'Helvetica';
/** The fonts resvg (and browsers) look for in an SVG drawn by hand: Helvetica is missing on most Linux machines. */
export const FONT_STACK = "Helvetica,Arial,'Liberation Sans','DejaVu Sans','Noto Sans',sans-serif";
/** Helvetica's widest common letters are about 0.6 em: a label measured so never overflows its box. */
export const CHAR_EM = 0.6;

/** objgraph's gradient: brightness from 1 (depth 0) down to 0.3 (the deepest node). */
function depthBrightness(depth: number, maxDepth: number): number {
  return maxDepth <= 0 ? 1 : 1 - (0.7 * depth) / maxDepth;
}

function greyHex(brightness: number): `#${string}` {
  const byte = Math.round(brightness * 255)
    .toString(16)
    .padStart(2, '0');
  return `#${byte}${byte}${byte}`;
}

export interface Shade {
  fill: `#${string}`;
  text: 'white' | 'black';
}

/** Fill and text colour of a box `depth` steps from the object of interest; white text on dark fills. */
export function depthShade(depth: number, maxDepth: number): Shade {
  const brightness = depthBrightness(depth, maxDepth);
  return { fill: greyHex(brightness), text: brightness < 0.5 ? 'white' : 'black' };
}

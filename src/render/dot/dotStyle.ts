import type { EdgeAttributesObject, NodeAttributesObject } from 'ts-graphviz';
import type { EdgeSummary } from '../../analysis/types.js';
import type { NodeView } from '../../view/types.js';
import { isInternalEdge } from '../edgeLabel.js';

/**
 * The look shared by every heapdot picture (DESIGN.md, "What the pictures look like"):
 * objgraph's scheme of a white-to-grey depth gradient, green roots, a red target.
 * Colours are fixed hex strings so the DOT text is the same on every machine.
 */
export const ROOT_FILL = '#a5d6a7';
export const ROOT_OUTLINE = '#2e7d32';
export const TARGET_COLOR = '#d32f2f';
export const HIGHLIGHT_FILL = '#90caf9';
export const NOTE_FILL = '#fff9c4';
export const INTERNAL_EDGE_COLOR = '#808080';

/** Helvetica is one of the fonts Graphviz can measure without fontconfig, so WASM and system dot agree. */
export const FONT = 'Helvetica';

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

/** Fill and font colour for a node `depth` steps from the object of interest; white text on dark fills. */
export function depthColors(depth: number, maxDepth: number): NodeAttributesObject {
  const brightness = depthBrightness(depth, maxDepth);
  return { fillcolor: greyHex(brightness), fontcolor: brightness < 0.5 ? 'white' : 'black' };
}

export interface NodeRole {
  /** Steps from the object of interest (the target has depth 0). */
  depth: number;
  maxDepth: number;
  isTarget: boolean;
}

/** Colours of one node box: roots green, the target outlined in red, the rest by depth. */
export function nodeColors(node: NodeView, role: NodeRole): NodeAttributesObject {
  const colors: NodeAttributesObject =
    node.isGcRoot || node.isUserRoot
      ? { fillcolor: ROOT_FILL, color: ROOT_OUTLINE, fontcolor: 'black' }
      : depthColors(role.depth, role.maxDepth);
  if (role.isTarget) return { ...colors, color: TARGET_COLOR, fontcolor: TARGET_COLOR, penwidth: 2 };
  return colors;
}

/** Line style of an edge: weak dashed, shortcut dotted, V8's internal names in grey. */
export function edgeStyle(edge: EdgeSummary): EdgeAttributesObject {
  const style: EdgeAttributesObject = {};
  if (edge.type === 'weak') style.style = 'dashed';
  if (edge.type === 'shortcut') style.style = 'dotted';
  if (isInternalEdge(edge)) style.fontcolor = INTERNAL_EDGE_COLOR;
  return style;
}

// The palette (palette.ts) as Graphviz attributes: what the DOT renderers share.
import type { EdgeAttributesObject, NodeAttributesObject } from 'ts-graphviz';
import type { EdgeSummary } from '../../analysis/types.js';
import type { NodeView, UserStep } from '../../view/types.js';
import { edgeLabel, isInternalEdge } from '../edgeLabel.js';
import { cutText, escapeDotLabel, NAME_MAX } from '../label.js';
import {
  depthShade,
  INTERNAL_EDGE_COLOR,
  NOTE_FILL,
  RAW_STEP_COLOR,
  ROOT_FILL,
  ROOT_OUTLINE,
  TARGET_COLOR,
  WHITE,
} from '../palette.js';

/** A root, or the anchor where the user's graph starts: green, black text. */
export const ROOT_COLORS: Readonly<NodeAttributesObject> = {
  fillcolor: ROOT_FILL,
  color: ROOT_OUTLINE,
  fontcolor: 'black',
};

/** objgraph's "N more" box: white, outlined in red, black text. */
export const MORE_COLORS: Readonly<NodeAttributesObject> = {
  fillcolor: WHITE,
  color: TARGET_COLOR,
  fontcolor: 'black',
};

/** Fill and font colour for a node `depth` steps from the object of interest; white text on dark fills. */
export function depthColors(depth: number, maxDepth: number): NodeAttributesObject {
  const shade = depthShade(depth, maxDepth);
  return { fillcolor: shade.fill, fontcolor: shade.text };
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
    node.isGcRoot || node.isUserRoot ? ROOT_COLORS : depthColors(role.depth, role.maxDepth);
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

/** The attributes of a note box (yellow, black text). */
export const NOTE_COLORS: Readonly<NodeAttributesObject> = {
  shape: 'note',
  fillcolor: NOTE_FILL,
  fontcolor: 'black',
};

/** An arrow for a snapshot edge (--raw): its name, cut at NAME_MAX, in the edge's line style. */
export function rawEdgeAttributes(edge: EdgeSummary): EdgeAttributesObject {
  return { label: escapeDotLabel(cutText(edgeLabel(edge), NAME_MAX)), ...edgeStyle(edge) };
}

/** An arrow for a user-view step: its label cut at `max`; grey when no folding rule covers it. */
export function userStepAttributes(step: Pick<UserStep, 'label' | 'raw'>, max: number): EdgeAttributesObject {
  return { label: escapeDotLabel(cutText(step.label, max)), ...(step.raw && { fontcolor: RAW_STEP_COLOR }) };
}

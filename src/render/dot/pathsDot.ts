import type { EdgeAttributesObject, NodeAttributesObject } from 'ts-graphviz';
import type { PathsTree, PathsTreeNode } from '../../analysis/pathsTypes.js';
import { noteText } from '../../view/noteText.js';
import { cutText, dotLines, escapeDotLabel, NAME_MAX } from '../label.js';
import { INTERNAL_EDGE_COLOR, NOTE_FILL, TARGET_COLOR } from '../palette.js';
import { stepCountText, stepEdgeText, stepExampleText } from '../text/pathsStepText.js';
import { addNotes, dotDocument } from './dotDocument.js';
import { depthColors, edgeStyle, MORE_COLORS, ROOT_COLORS } from './dotStyle.js';

/** The thinnest and thickest arrows: an arrow's width grows with the share of the matches it carries. */
const MIN_PENWIDTH = 1;
const MAX_PENWIDTH = 8;

/** Arrow width for `count` of `total` matches, rounded to two decimals so the DOT text is stable. */
export function countPenwidth(count: number, total: number): number {
  const share = total <= 0 ? 0 : count / total;
  return Math.round((MIN_PENWIDTH + (MAX_PENWIDTH - MIN_PENWIDTH) * share) * 100) / 100;
}

function stepLines(node: PathsTreeNode): string[] {
  const lines = [cutText(node.name, NAME_MAX), stepCountText(node)];
  const example = stepExampleText(node);
  if (example !== undefined && node.kind === 'object') lines.push(example);
  if (node.matched > 0 && node.matched !== node.count) lines.push(`${node.matched} here`);
  return lines;
}

/**
 * Colours as in the other pictures (palette.ts): the root green; the steps where matched objects
 * are outlined in red; the others white near the matches to grey near the root (objgraph's
 * gradient, counted from the bottom); "N more" white outlined red; "(unreachable)" a note.
 */
function stepAttributes(node: PathsTreeNode, depth: number, height: number): NodeAttributesObject {
  const label = dotLines(stepLines(node));
  if (node.kind === 'root') return { label, ...ROOT_COLORS };
  if (node.kind === 'more') return { label, ...MORE_COLORS };
  if (node.kind === 'unreachable') return { label, fillcolor: NOTE_FILL, fontcolor: 'black', shape: 'note' };
  const colors = depthColors(height - depth, height);
  if (node.matched > 0)
    return { label, ...colors, color: TARGET_COLOR, fontcolor: TARGET_COLOR, penwidth: 2 };
  return { label, ...colors };
}

/**
 * Graphviz puts an edge's label right beside the edge's centre line, so a thick arrow paints over
 * its first letters ("setTimeout" read "etTimeout"): no-break spaces (which Graphviz keeps, and
 * counts in the label's width) push the text off the stroke, by more than half the pen's width.
 */
export function labelPadding(penwidth: number): string {
  return '\u00a0'.repeat(Math.ceil(penwidth / 2) + 1);
}

/** Arrowheads grow with the pen: a thick arrow's head is kept about the size of a thin one's. */
function arrowSize(penwidth: number): number {
  return Math.round(Math.min(1, 2 / penwidth) * 100) / 100;
}

function arrowAttributes(node: PathsTreeNode, total: number): EdgeAttributesObject {
  const penwidth = countPenwidth(node.count, total);
  const attributes: EdgeAttributesObject = { penwidth, arrowsize: arrowSize(penwidth) };
  const edge = stepEdgeText(node);
  if (edge !== undefined && node.edge !== null)
    return {
      label: `${labelPadding(penwidth)}${escapeDotLabel(edge)}`,
      ...edgeStyle(node.edge),
      ...attributes,
    };
  // "N more" and "(unreachable)" have no snapshot edge: a dashed arrow says "not one reference".
  return { ...attributes, style: 'dashed', color: INTERNAL_EDGE_COLOR };
}

/**
 * Merged paths as a DOT document: a top-down tree from the snapshot's root, one box per step
 * (class name, how many matched objects it leads to and their retained size, an example `@id`),
 * arrows labelled with the snapshot's edge names (merged element edges as `[first…last]`), their
 * width by the share of the matches they carry. Steps get ids `s0`, `s1`, ... in pre-order:
 * the same tree gives the same bytes.
 */
export function pathsToDot(tree: PathsTree): string {
  const total = Math.max(1, tree.root.count);
  return dotDocument('paths', { rankdir: 'TB' }, (g) => {
    let next = 0;
    const stack: [PathsTreeNode, number, string | undefined][] = [[tree.root, 0, undefined]];
    while (stack.length > 0) {
      const [node, depth, parent] = stack.pop()!;
      const id = `s${next++}`;
      g.createNode(id, stepAttributes(node, depth, tree.height));
      if (parent !== undefined) g.createEdge([{ id: parent }, { id }], arrowAttributes(node, total));
      for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i], depth + 1, id]);
    }
    addNotes(g, tree.notes.map(noteText));
  });
}

import { digraph, type RootGraphModel } from 'ts-graphviz';
import type { UserChain } from '../view/types.js';
import { edgeStyle, FONT, NOTE_FILL, nodeColors, ROOT_FILL, ROOT_OUTLINE } from './dotStyle.js';
import { dotText } from './dotText.js';
import { edgeLabel } from './edgeLabel.js';
import { cutText, dotLines, escapeDotLabel, NAME_MAX } from './label.js';
import { nodeLabelLines } from './nodeLabel.js';
import { NOT_FOUND_NOTES } from './notFound.js';
import type { ChainView, NodeView } from './types.js';
import { ANCHOR_WORDS, foldedNote } from './userChainText.js';

/** The access path is the point of the picture: it gets more room than a box's name. */
const NOTE_MAX = 120;

function nodeId(position: number): string {
  return `n${position}`;
}

function addNode(graph: RootGraphModel, node: NodeView, position: number, count: number): void {
  // Depth counts from the target, as objgraph's gradient does: the target is white.
  const depth = count - 1 - position;
  const colors = nodeColors(node, { depth, maxDepth: count - 1, isTarget: position === count - 1 });
  graph.createNode(nodeId(position), { label: dotLines(nodeLabelLines(node)), ...colors });
}

function addPath(graph: RootGraphModel, view: ChainView): void {
  view.nodes.forEach((node, position) => {
    addNode(graph, node, position, view.nodes.length);
  });
  view.edges.forEach((edge, position) => {
    const label = escapeDotLabel(cutText(edgeLabel(edge), NAME_MAX));
    graph.createEdge([nodeId(position), nodeId(position + 1)], { label, ...edgeStyle(edge) });
  });
}

/**
 * The user chain: the anchor's object (labelled with the anchor in words), then one box per
 * user-level step, each edge labelled with the step; a note says what was folded.
 */
function addUserPath(graph: RootGraphModel, user: UserChain, distance: number | undefined): void {
  const nodes = [user.anchor.node, ...user.steps.map((step) => step.node)];
  const count = nodes.length;
  nodes.forEach((node, position) => {
    const colors = nodeColors(node, {
      depth: count - 1 - position,
      maxDepth: count - 1,
      isTarget: position === count - 1,
    });
    const lines = nodeLabelLines(node);
    if (position === 0)
      lines.unshift(cutText(`${ANCHOR_WORDS[user.anchor.kind]}: ${user.anchor.name}`, NAME_MAX));
    graph.createNode(nodeId(position), {
      label: dotLines(lines),
      ...colors,
      ...(position === 0 && { fillcolor: ROOT_FILL, fontcolor: 'black', color: ROOT_OUTLINE }),
    });
  });
  user.steps.forEach((step, position) => {
    const label = escapeDotLabel(cutText(step.label, NAME_MAX));
    graph.createEdge([nodeId(position), nodeId(position + 1)], {
      label,
      ...(step.raw && { fontcolor: 'grey40' }),
    });
  });
  graph.createNode('note', {
    label: dotLines([cutText(user.accessPath, NOTE_MAX), foldedNote(user, distance)]),
    shape: 'note',
    fillcolor: NOTE_FILL,
    fontcolor: 'black',
  });
}

function addNotFound(graph: RootGraphModel, view: ChainView): void {
  addNode(graph, view.target, 0, 1);
  const note = view.reason === undefined ? 'no retainer chain' : NOT_FOUND_NOTES[view.reason];
  graph.createNode('note', {
    label: dotLines(['no retainer chain:', note]),
    shape: 'note',
    fillcolor: NOTE_FILL,
    fontcolor: 'black',
  });
}

/**
 * The chain as a DOT document: exactly the found path, root at the top, target at the bottom
 * (top to bottom, because node labels are wide and chains can be long). For a chain that was
 * not found: the target and a note that says why. Same view, same bytes.
 */
export function chainToDot(view: ChainView): string {
  const graph = digraph('chain', { rankdir: 'TB' }, (g) => {
    // The wide side margin leaves room for fonts wider than the Helvetica metrics Graphviz
    // estimates with (DejaVu Sans, when the WASM SVG becomes a PNG on Linux).
    g.node({ shape: 'box', style: 'filled', fontname: FONT, fontsize: 10, margin: '0.2,0.06' });
    g.edge({ fontname: FONT, fontsize: 9 });
    if (view.found && view.user) addUserPath(g, view.user, view.distance);
    else if (view.found) addPath(g, view);
    else addNotFound(g, view);
  });
  return dotText(graph);
}

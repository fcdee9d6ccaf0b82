import { digraph, type RootGraphModel } from 'ts-graphviz';
import { edgeStyle, FONT, NOTE_FILL, nodeColors } from './dotStyle.js';
import { dotText } from './dotText.js';
import { edgeLabel } from './edgeLabel.js';
import { cutText, dotLines, escapeDotLabel, NAME_MAX } from './label.js';
import { nodeLabelLines } from './nodeLabel.js';
import { NOT_FOUND_NOTES } from './notFound.js';
import type { ChainView, NodeView } from './types.js';

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
    if (view.found) addPath(g, view);
    else addNotFound(g, view);
  });
  return dotText(graph);
}

import type { RootGraphModel } from 'ts-graphviz';
import { leftOutNote } from '../../view/exclusions.js';
import type { ChainView, NodeView, NotFoundChainView, UserChain } from '../../view/types.js';
import { cutText, dotLines, NAME_MAX } from '../label.js';
import { nodeLabelLines } from '../nodeLabel.js';
import { NOT_FOUND_NOTES } from '../text/notFound.js';
import { ANCHOR_WORDS, accessPathLine, foldedNote } from '../text/userChainText.js';
import { addNotes, dotDocument } from './dotDocument.js';
import { nodeColors, ROOT_COLORS, rawEdgeAttributes, userStepAttributes } from './dotStyle.js';

/** The access path is the point of the picture: it gets more room than a box's name. */
const NOTE_MAX = 120;

/** What a chain picture may be given. */
export interface ChainDotOptions {
  /**
   * Boxes at most: a longer chain is drawn as its first and last boxes with one box for the steps
   * between (a linked list of 12,000 objects would otherwise make a picture no one can read).
   * @default CHAIN_MAX_NODES
   */
  maxNodes?: number;
}

/** About what a page holds top to bottom. */
export const CHAIN_MAX_NODES = 40;

/**
 * Which positions of a chain of `count` boxes are drawn: all, or the first `head` and the last
 * `tail` (with one box for the rest between them) when there are more than `max`.
 */
function drawnPositions(count: number, max: number): { head: number; tail: number } {
  if (count <= max) return { head: count, tail: 0 };
  const head = Math.max(1, Math.ceil((max - 1) / 2));
  return { head, tail: Math.max(1, max - 1 - head) };
}

/**
 * Draws boxes 0 .. count-1 and the edges between them, eliding the middle past `max` boxes:
 * `box(position, id)` adds one box, `edge(from, to, position)` the edge that leaves box `position`.
 */
function drawElided(
  graph: RootGraphModel,
  count: number,
  max: number,
  box: (position: number) => void,
  edge: (from: string, to: string, position: number) => void,
): void {
  const { head, tail } = drawnPositions(count, max);
  const kept = (position: number) => position < head || position >= count - tail;
  for (let position = 0; position < count; position++) if (kept(position)) box(position);
  for (let position = 0; position + 1 < count; position++) {
    if (kept(position) && kept(position + 1)) edge(nodeId(position), nodeId(position + 1), position);
  }
  if (tail === 0) return;
  const hidden = count - head - tail;
  graph.createNode('elided', {
    label: dotLines([
      `${hidden.toLocaleString('en-US')} more objects on the chain`,
      `(${head + tail} of ${count.toLocaleString('en-US')} drawn)`,
    ]),
    style: 'dashed',
    fillcolor: 'white',
    fontcolor: 'black',
  });
  graph.createEdge([nodeId(head - 1), 'elided'], { style: 'dashed' });
  graph.createEdge(['elided', nodeId(count - tail)], { style: 'dashed' });
}

function nodeId(position: number): string {
  return `n${position}`;
}

function addNode(graph: RootGraphModel, node: NodeView, position: number, count: number): void {
  // Depth counts from the target, as objgraph's gradient does: the target is white.
  const depth = count - 1 - position;
  const colors = nodeColors(node, { depth, maxDepth: count - 1, isTarget: position === count - 1 });
  graph.createNode(nodeId(position), { label: dotLines(nodeLabelLines(node)), ...colors });
}

function addPath(graph: RootGraphModel, view: ChainView, max: number): void {
  drawElided(
    graph,
    view.nodes.length,
    max,
    (position) => addNode(graph, view.nodes[position], position, view.nodes.length),
    (from, to, position) => {
      const edge = view.edges[position];
      graph.createEdge([from, to], rawEdgeAttributes(edge));
    },
  );
}

/**
 * The user chain: the anchor's object (labelled with the anchor in words), then one box per
 * user-level step, each edge labelled with the step; a note says what was folded.
 */
function addUserPath(
  graph: RootGraphModel,
  user: UserChain,
  distance: number | undefined,
  max: number,
  leftOut: string[],
): void {
  const nodes = [user.anchor.node, ...user.steps.map((step) => step.node)];
  const count = nodes.length;
  drawElided(
    graph,
    count,
    max,
    (position) => {
      const node = nodes[position];
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
        ...(position === 0 && ROOT_COLORS),
      });
    },
    (from, to, position) => {
      const step = user.steps[position];
      graph.createEdge([from, to], userStepAttributes(step, NAME_MAX));
    },
  );
  addNotes(graph, [cutText(accessPathLine(user), NOTE_MAX), foldedNote(user, distance), ...leftOut]);
}

function addNotFound(graph: RootGraphModel, view: NotFoundChainView): void {
  addNode(graph, view.target, 0, 1);
  addNotes(graph, ['no retainer chain:', NOT_FOUND_NOTES[view.reason], ...leftOutLines(view)]);
}

/** What --ignore and --avoid left out, as the note's last line (none when nothing was). */
function leftOutLines(view: ChainView): string[] {
  return view.leftOut === undefined ? [] : [leftOutNote(view.leftOut)];
}

/**
 * The chain as a DOT document: exactly the found path, root at the top, target at the bottom
 * (top to bottom, because node labels are wide and chains can be long). For a chain that was
 * not found: the target and a note that says why. Same view, same bytes.
 */
export function chainToDot(view: ChainView, options: ChainDotOptions = {}): string {
  const max = Math.max(3, options.maxNodes ?? CHAIN_MAX_NODES);
  return dotDocument('chain', { rankdir: 'TB' }, (g) => {
    if (view.found && view.user) addUserPath(g, view.user, view.distance, max, leftOutLines(view));
    else if (view.found) {
      addPath(g, view, max);
      // DevTools' chain has no note of its own: one only when something was left out.
      addNotes(g, leftOutLines(view));
    } else addNotFound(g, view);
  });
}

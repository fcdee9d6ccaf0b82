import {
  digraph,
  type EdgeAttributesObject,
  type NodeAttributesObject,
  type RootGraphModel,
} from 'ts-graphviz';
import type { GraphEdgeView, GraphNodeView, NeighbourhoodView } from '../../analysis/types.js';
import { edgeLabel } from '../edgeLabel.js';
import { cutText, dotLines, escapeDotLabel, NAME_MAX, PREVIEW_MAX } from '../label.js';
import { nodeLabelLines } from '../nodeLabel.js';
import { breakdownLines, moreText } from '../text/moreText.js';
import { pictureNotes } from '../text/userChainText.js';
import {
  edgeStyle,
  FONT,
  HIGHLIGHT_FILL,
  NOTE_FILL,
  nodeColors,
  ROOT_FILL,
  ROOT_OUTLINE,
  TARGET_COLOR,
} from './dotStyle.js';
import { dotText } from './dotText.js';

type ObjectNodeView = Extract<GraphNodeView, { kind: 'object' }>;
type MoreNodeView = Extract<GraphNodeView, { kind: 'more' }>;

/** The DOT id of the note box; object keys start with `o` and "more" keys with `more`, so it never clashes. */
const NOTE_ID = 'note';

/**
 * A node whose neighbours were not drawn (the depth limit, a --stop-at match), and that is not a
 * root: its border is dashed, "there is more beyond this box". Roots are never expanded and are
 * already told apart by their green fill.
 */
function unexpandedStyle(view: ObjectNodeView): NodeAttributesObject {
  const isRoot = view.node.isGcRoot || view.node.isUserRoot;
  return view.expanded || isRoot ? {} : { style: 'filled,dashed' };
}

/** objgraph's colours (dotStyle.ts), then the --highlight fill; the target keeps its red outline and font. */
function objectAttributes(view: ObjectNodeView, maxDepth: number): NodeAttributesObject {
  // An anchor (a module's scope) is named in words, green like a root: it is where the user's graph starts.
  if (view.anchor !== undefined) {
    const lines = [cutText(view.anchor, NAME_MAX), `@${view.node.id}`];
    return { label: dotLines(lines), fillcolor: ROOT_FILL, color: ROOT_OUTLINE, fontcolor: 'black' };
  }
  const colors = nodeColors(view.node, { depth: view.depth, maxDepth, isTarget: view.isTarget });
  const highlight: NodeAttributesObject = view.highlighted
    ? { fillcolor: HIGHLIGHT_FILL, fontcolor: view.isTarget ? TARGET_COLOR : 'black' }
    : {};
  return { label: dotLines(nodeLabelLines(view.node)), ...colors, ...highlight, ...unexpandedStyle(view) };
}

/** objgraph's "N more" box: white, outlined in red, black text. */
function moreAttributes(view: MoreNodeView): NodeAttributesObject {
  return {
    label: dotLines([moreText(view), ...breakdownLines(view.breakdown)]),
    fillcolor: '#ffffff',
    color: TARGET_COLOR,
    fontcolor: 'black',
  };
}

/**
 * Whether an arrow may rank its ends. The picture is laid out top to bottom with every arrow
 * holder -> held: for backrefs (and merged paths) a holder is one step farther from the targets
 * than what it holds, so holders sit above and the targets at the bottom; for refs the targets
 * hold the next level, so they sit at the top. An arrow against that order (a cycle back to a
 * target, a cross link within a level) is drawn but does not rank, so it cannot pull a target
 * out of its row.
 */
function ranks(
  view: NeighbourhoodView,
  from: GraphNodeView | undefined,
  to: GraphNodeView | undefined,
): boolean {
  if (from === undefined || to === undefined) return true;
  return view.kind === 'refs' ? to.depth > from.depth : from.depth > to.depth;
}

/**
 * Left to right, a rank's arrows sit side by side in the gap to the next one: their labels are
 * cut shorter, and an arrow that does not rank (a cross link within a level, a cycle back) keeps
 * no label (the text and JSON forms name it): such labels stacked up made pictures pages wide.
 */
const LR_STEP_MAX = 32;

function edgeAttributes(
  view: NeighbourhoodView,
  edge: GraphEdgeView,
  byKey: ReadonlyMap<string, GraphNodeView>,
  rankdir: 'TB' | 'LR',
): EdgeAttributesObject {
  const ranked = ranks(view, byKey.get(edge.from), byKey.get(edge.to));
  const stepMax = rankdir === 'LR' ? LR_STEP_MAX : PREVIEW_MAX;
  const attributes: EdgeAttributesObject =
    edge.step !== undefined
      ? {
          // A step is cut shorter than a raw name: many arrows share a rank's width.
          ...((ranked || rankdir === 'TB') && { label: escapeDotLabel(cutText(edge.step.label, stepMax)) }),
          ...(edge.step.raw && { fontcolor: 'grey40' }),
        }
      : edge.edge === undefined
        ? {}
        : { label: escapeDotLabel(cutText(edgeLabel(edge.edge), NAME_MAX)), ...edgeStyle(edge.edge) };
  if (!ranked) attributes.constraint = false;
  return attributes;
}

/** With several targets, keep them in one row: the bottom one for backrefs and paths, the top one for refs. */
function addTargetRow(graph: RootGraphModel, view: NeighbourhoodView): void {
  const targets = view.nodes.filter((node) => node.kind === 'object' && node.isTarget);
  if (targets.length < 2) return;
  graph.subgraph('targets', { rank: view.kind === 'refs' ? 'min' : 'max' }, (row) => {
    for (const target of targets) row.node(target.key);
  });
}

/** One note box with every note, or nothing when there are none (also used by the paths picture). */
export function addNotes(graph: RootGraphModel, notes: readonly string[]): void {
  if (notes.length === 0) return;
  graph.createNode(NOTE_ID, {
    label: dotLines(notes),
    shape: 'note',
    fillcolor: NOTE_FILL,
    fontcolor: 'black',
  });
}

/** A level of more boxes than this side by side would be wider than a page. */
const WIDEST_LEVEL = 8;

/**
 * Top to bottom, unless (in the user view) a level holds more than WIDEST_LEVEL boxes: then left
 * to right, so the picture grows down a page, not across it. --raw keeps heapdot's old layout.
 */
function rankDirection(view: NeighbourhoodView): 'TB' | 'LR' {
  if (!view.userView) return 'TB';
  const perLevel = new Map<number, number>();
  for (const node of view.nodes) perLevel.set(node.depth, (perLevel.get(node.depth) ?? 0) + 1);
  return Math.max(...perLevel.values()) > WIDEST_LEVEL ? 'LR' : 'TB';
}

/**
 * A backrefs, refs or merged-paths picture as a DOT document, objgraph's look with its faults
 * fixed (DESIGN.md, "What the pictures look like"): filled boxes shaded white (the targets) to
 * grey (the deepest level), roots green, targets outlined in red, --highlight matches blue, nodes
 * whose neighbours were not drawn with a dashed border, and "N more retainers" boxes outlined in
 * red. Arrows always point holder -> held and carry the user view's step (`.sessions`, `[3]`,
 * `.get("key")`, `captures state`), or under --raw the snapshot's edge names, weak edges
 * dashed and shortcut edges dotted. Backrefs have the targets at the bottom, refs at the top.
 * `notes` become one note box. Nodes and edges come out in the view's order: same view, same bytes.
 */
export function neighbourhoodToDot(view: NeighbourhoodView): string {
  const byKey = new Map(view.nodes.map((node) => [node.key, node]));
  const rankdir = rankDirection(view);
  // Left to right, the ranks sit side by side: closer ranks keep a deep picture within a page.
  const graph = digraph(view.kind, rankdir === 'LR' ? { rankdir, ranksep: 0.3 } : { rankdir }, (g) => {
    // Same defaults as the chain picture (chainDot.ts), so the two look alike side by side.
    g.node({ shape: 'box', style: 'filled', fontname: FONT, fontsize: 10, margin: '0.2,0.06' });
    g.edge({ fontname: FONT, fontsize: 9 });
    for (const node of view.nodes) {
      g.createNode(
        node.key,
        node.kind === 'object' ? objectAttributes(node, view.maxDepth) : moreAttributes(node),
      );
    }
    for (const edge of view.edges) {
      // Ids as NodeRefs, not strings: ts-graphviz reads `a:b` in a string as node `a`, port `b`.
      g.createEdge([{ id: edge.from }, { id: edge.to }], edgeAttributes(view, edge, byKey, rankdir));
    }
    addTargetRow(g, view);
    addNotes(g, pictureNotes(view));
  });
  return dotText(graph);
}

import type { EdgeAttributesObject, NodeAttributesObject, RootGraphModel } from 'ts-graphviz';
import type { GraphEdgeView, GraphNodeView, NeighbourhoodView } from '../../view/types.js';
import { cutText, dotLines, NAME_MAX, PREVIEW_MAX } from '../label.js';
import { nodeLabelLines } from '../nodeLabel.js';
import { HIGHLIGHT_FILL, RAW_STEP_COLOR, TARGET_COLOR } from '../palette.js';
import { breakdownLines, moreText } from '../text/moreText.js';
import { pictureNotes } from '../text/userChainText.js';
import { addNotes, dotDocument } from './dotDocument.js';
import { MORE_COLORS, nodeColors, ROOT_COLORS, rawEdgeAttributes, userStepAttributes } from './dotStyle.js';

type ObjectNodeView = Extract<GraphNodeView, { kind: 'object' }>;
type MoreNodeView = Extract<GraphNodeView, { kind: 'more' }>;

/**
 * A node whose neighbours were not drawn (the depth limit, a --stop-at match), and that is not a
 * root: its border is dashed, "there is more beyond this box". Roots are never expanded and are
 * already told apart by their green fill.
 */
function unexpandedStyle(view: ObjectNodeView): NodeAttributesObject {
  const isRoot = view.node.isGcRoot || view.node.isUserRoot;
  return view.expanded || isRoot ? {} : { style: 'filled,dashed' };
}

/** objgraph's colours (palette.ts), then the --highlight fill; the target keeps its red outline and font. */
function objectAttributes(view: ObjectNodeView, maxDepth: number): NodeAttributesObject {
  // An anchor (a module's scope) is named in words, green like a root: it is where the user's graph starts.
  if (view.anchor !== undefined) {
    const lines = [cutText(view.anchor, NAME_MAX), `@${view.node.id}`];
    return { label: dotLines(lines), ...ROOT_COLORS };
  }
  const colors = nodeColors(view.node, { depth: view.depth, maxDepth, isTarget: view.isTarget });
  const highlight: NodeAttributesObject = view.highlighted
    ? { fillcolor: HIGHLIGHT_FILL, fontcolor: view.isTarget ? TARGET_COLOR : 'black' }
    : {};
  return { label: dotLines(nodeLabelLines(view.node)), ...colors, ...highlight, ...unexpandedStyle(view) };
}

/** objgraph's "N more" box. */
function moreAttributes(view: MoreNodeView): NodeAttributesObject {
  return { label: dotLines([moreText(view), ...breakdownLines(view.breakdown)]), ...MORE_COLORS };
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
      ? // A step is cut shorter than a raw name: many arrows share a rank's width. Across a
        // left-to-right level or against the flow it goes unlabelled (text and JSON name it).
        ranked || rankdir === 'TB'
        ? userStepAttributes(edge.step, stepMax)
        : { ...(edge.step.raw && { fontcolor: RAW_STEP_COLOR }) }
      : edge.edge === undefined
        ? {}
        : rawEdgeAttributes(edge.edge);
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
  // Object keys start with `o` and "more" keys with `more`: they never clash with the note's id.
  return dotDocument(view.kind, rankdir === 'LR' ? { rankdir, ranksep: 0.3 } : { rankdir }, (g) => {
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
}

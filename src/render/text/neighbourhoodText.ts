import type { GraphEdgeView, GraphNodeView, NeighbourhoodView } from '../../view/types.js';
import { edgeLabel } from '../edgeLabel.js';
import { cutText, NAME_MAX, visibleText } from '../label.js';
import { type Paint, painter } from './ansi.js';
import { nodeText as chainNodeText } from './chainText.js';
import { breakdownLines, moreText } from './moreText.js';
import { pictureNotes } from './userChainText.js';

export interface NeighbourhoodTextOptions {
  /** ANSI colours; the CLI decides (standard output is a TTY and NO_COLOR is unset). @default false */
  color?: boolean;
}

type ObjectNodeView = Extract<GraphNodeView, { kind: 'object' }>;

const TITLES: Readonly<Record<NeighbourhoodView['kind'], string>> = {
  backrefs: 'backrefs of',
  refs: 'refs of',
  paths: 'paths to',
};

/** What the picture shows by colour or border, in words. */
function tags(view: ObjectNodeView): string[] {
  const words: string[] = [];
  if (view.isTarget) words.push('target');
  if (view.node.isGcRoot || view.node.isUserRoot) words.push('root');
  if (view.highlighted) words.push('highlighted');
  if (!view.expanded && !view.isTarget && !(view.node.isGcRoot || view.node.isUserRoot)) {
    words.push('not expanded');
  }
  return words;
}

/** The chain's line for a node, then what the picture shows by colour or border, in words. */
function nodeText(view: ObjectNodeView, paint: Paint): string {
  if (view.anchor !== undefined)
    return `${paint(`[${visibleText(view.anchor)}]`, 'green')} @${view.node.id}${paint(' · anchor', 'dim')}`;
  const words = tags(view);
  const tail = words.length === 0 ? '' : paint(` · ${words.join(' · ')}`, 'dim');
  return chainNodeText(view.node, paint, view.isTarget) + tail;
}

/** `<- .cache @5001` (--raw: `<- cache (property) @5001`), or `<- 36 more retainers` for a "more" box. */
function arrowText(
  edge: GraphEdgeView,
  other: GraphNodeView | undefined,
  otherKey: string,
  arrow: string,
  paint: Paint,
): string {
  if (other?.kind === 'more') {
    const held = breakdownLines(other.breakdown).map(visibleText).join(', ');
    return `${arrow} ${paint(moreText(other), 'dim')}${held === '' ? '' : `: ${held}`}`;
  }
  const at = paint(other === undefined ? visibleText(otherKey) : `@${other.node.id}`, 'dim');
  if (edge.step !== undefined) {
    const step = paint(visibleText(cutText(edge.step.label, NAME_MAX)), edge.step.raw ? 'dim' : 'yellow');
    return `${arrow} ${step} ${at}`;
  }
  if (edge.edge === undefined) return `${arrow} ${at}`;
  const name = paint(visibleText(cutText(edgeLabel(edge.edge), NAME_MAX)), 'yellow');
  return `${arrow} ${name} (${visibleText(edge.edge.type)}) ${at}`;
}

/** Items grouped by key, in their order; the groups in the order their keys first appear. */
function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}

/** The object boxes by depth, shallowest first, in the view's order within a depth. */
function byDepth(view: NeighbourhoodView): Map<number, ObjectNodeView[]> {
  const objects = view.nodes.filter((node): node is ObjectNodeView => node.kind === 'object');
  // Array.prototype.sort is stable: within a depth the view's order stays.
  return groupBy(
    objects.sort((a, b) => a.depth - b.depth),
    (node) => node.depth,
  );
}

/**
 * A backrefs/refs/paths neighbourhood as text for the terminal:
 * ```
 * backrefs of @91011 in after.heapsnapshot
 * depth 0
 *   [ImageReqWrapper] (object) @91011 64 B · target
 *     <- [7] (element) @5003
 * depth 1
 *   [(object elements)] (array) @5003 1 KiB length 128
 *     <- table (internal) @5001
 *     <- 36 more retainers
 * note: the picture was cut at depth 3 (--max-nodes 400)
 * ```
 * One line per drawn object, grouped by depth (the targets at depth 0), each followed by its
 * drawn arrows: its retainers (`<-`) for backrefs and paths, what it holds (`->`) for refs,
 * and the "N more" boxes. Then the notes. Heap text is made visible (`visibleText`), never raw.
 * Every line ends with a newline.
 */
export function neighbourhoodToText(view: NeighbourhoodView, options: NeighbourhoodTextOptions = {}): string {
  const paint = painter(options.color === true);
  const byKey = new Map(view.nodes.map((node) => [node.key, node]));
  const incoming = view.kind !== 'refs';
  const arrow = incoming ? '<-' : '->';
  const arrows = groupBy(view.edges, (edge) => (incoming ? edge.to : edge.from));
  const targets = view.targets.map((id) => `@${id}`).join(', ');
  const lines = [`${TITLES[view.kind]} ${targets} in ${visibleText(view.snapshotName)}`];
  for (const [depth, nodes] of byDepth(view)) {
    lines.push(paint(`depth ${depth}`, 'bold'));
    for (const node of nodes) {
      lines.push(`  ${nodeText(node, paint)}`);
      for (const edge of arrows.get(node.key) ?? []) {
        const otherKey = incoming ? edge.from : edge.to;
        lines.push(`    ${arrowText(edge, byKey.get(otherKey), otherKey, arrow, paint)}`);
      }
    }
  }
  for (const note of pictureNotes(view)) lines.push(`note: ${visibleText(note)}`);
  return `${lines.join('\n')}\n`;
}

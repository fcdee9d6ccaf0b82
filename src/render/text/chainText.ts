import type { EdgeSummary } from '../../analysis/types.js';
import { leftOutNote } from '../../view/exclusions.js';
import type { ChainView, NodeView } from '../../view/types.js';
import { edgeLabel } from '../edgeLabel.js';
import { formatBytes } from '../formatBytes.js';
import { cutText, cutTextStart, NAME_MAX, visibleText } from '../label.js';
import { previewText } from '../nodeLabel.js';
import { type AnsiStyle, type Paint, painter } from './ansi.js';
import { notFoundNote } from './notFound.js';
import { userChainLines } from './userChainText.js';

export interface ChainTextOptions {
  /** ANSI colours; the CLI decides (standard output is a TTY and NO_COLOR is unset). @default false */
  color?: boolean;
}

function classStyles(node: NodeView, isTarget: boolean): AnsiStyle[] {
  if (isTarget) return ['bold', 'red'];
  if (node.isGcRoot || node.isUserRoot) return ['bold', 'green'];
  return ['bold'];
}

/** `[ImageReqWrapper] (object) @91011 64 B retained 1.5 KiB`, then the preview and location if any. */
export function nodeText(node: NodeView, paint: Paint, isTarget: boolean): string {
  const className = `[${visibleText(cutText(node.title, NAME_MAX))}]`;
  const parts = [
    paint(className, ...classStyles(node, isTarget)),
    `(${visibleText(node.type)})`,
    paint(`@${node.id}`, 'dim'),
    formatBytes(node.selfSize),
  ];
  if (node.retainedSize !== undefined) parts.push(`retained ${formatBytes(node.retainedSize)}`);
  if (node.detached === true) parts.push('detached');
  const preview = previewText(node);
  if (preview !== undefined) parts.push(visibleText(preview));
  if (node.location !== undefined) parts.push(visibleText(cutTextStart(node.location, NAME_MAX)));
  return parts.join(' ');
}

/** `  --cache (property)--->  ` as memlab writes a step. */
function edgeText(edge: EdgeSummary, paint: Paint): string {
  const name = paint(visibleText(cutText(edgeLabel(edge), NAME_MAX)), 'yellow');
  return `  ${paint('--', 'dim')}${name} ${paint(`(${visibleText(edge.type)})--->`, 'dim')}  `;
}

/**
 * The chain as text, one step per line, root first (memlab's format):
 * ```
 * [(synthetic)] (synthetic) @1 0 B
 *   --global (shortcut)--->  [global] (object) @3 48 B
 * ```
 * The user view's chain (view.user) prints as userChainLines has it. A chain that was not found prints the target and why. Every line ends with a newline.
 */
export function chainToText(view: ChainView, options: ChainTextOptions = {}): string {
  const paint = painter(options.color === true);
  const leftOut = view.leftOut ? [paint(`(${leftOutNote(view.leftOut)})`, 'dim')] : [];
  if (!view.found) {
    const lines = [nodeText(view.target, paint, true), `  ${paint(notFoundNote(view.reason), 'red')}`];
    return `${[...lines, ...leftOut].join('\n')}\n`;
  }
  if (view.user) return `${[...userChainLines(view.user, paint, view.distance), ...leftOut].join('\n')}\n`;
  const last = view.nodes.length - 1;
  const lines = view.nodes.map((node, position) => {
    const text = nodeText(node, paint, position === last);
    return position === 0 ? text : edgeText(view.edges[position - 1], paint) + text;
  });
  return `${[...lines, ...leftOut].join('\n')}\n`;
}

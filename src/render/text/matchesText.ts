import type { NodeView } from '../../view/types.js';
import { formatBytes } from '../formatBytes.js';
import { cutText, cutTextStart, NAME_MAX, visibleText } from '../label.js';
import { previewText } from '../nodeLabel.js';
import { textTable } from './table.js';

const NAME_WIDTH = 60;

/**
 * `heapdot find` as text: one match per line, in the order given. The last column is what the
 * chain text shows after a node's class (its value preview and `script:line`), not its class again.
 */
export function matchesToText(matches: NodeView[], total: number): string {
  const retained = matches.some((node) => node.retainedSize !== undefined);
  const rows = matches.map((node) => [
    `@${node.id}`,
    visibleText(cutText(node.className, NAME_WIDTH)),
    node.type,
    formatBytes(node.selfSize),
    ...(retained ? [node.retainedSize === undefined ? '-' : formatBytes(node.retainedSize)] : []),
    node.distance === undefined ? '-' : String(node.distance),
    valueText(node),
  ]);
  const header = ['id', 'class', 'type', 'self size', ...(retained ? ['retained size'] : []), 'distance'];
  const numbers = retained ? [3, 4, 5] : [3, 4];
  const table = textTable([...header, 'value'], rows, numbers);
  const more = total > matches.length ? `(${total - matches.length} more; raise --limit to see them)\n` : '';
  return `${table}${more}`;
}

/** The preview and location, each cut first (never inside a surrogate pair), then made visible. */
function valueText(node: NodeView): string {
  const parts: string[] = [];
  const preview = previewText(node);
  if (preview !== undefined) parts.push(visibleText(preview));
  if (node.location !== undefined) parts.push(visibleText(cutTextStart(node.location, NAME_MAX)));
  return parts.join(' ');
}

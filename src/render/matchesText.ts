import type { NodeSummary } from '../analysis/types.js';
import { formatBytes } from './formatBytes.js';
import { cutText, visibleText } from './label.js';
import { textTable } from './table.js';

const NAME_WIDTH = 60;

/** `heapdot find` as text: one match per line, nearest first. */
export function matchesToText(matches: NodeSummary[], total: number): string {
  const rows = matches.map((node) => [
    `@${node.id}`,
    visibleText(cutText(node.className, NAME_WIDTH)),
    node.type,
    formatBytes(node.selfSize),
    node.distance === undefined ? '-' : String(node.distance),
    oneLine(node.name),
  ]);
  const table = textTable(['id', 'class', 'type', 'self size', 'distance', 'name'], rows, [3, 4]);
  const more = total > matches.length ? `(${total - matches.length} more; raise --limit to see them)\n` : '';
  return `${table}${more}`;
}

/** One line of a heap string: cut first (never inside a surrogate pair), then invisible characters shown. */
function oneLine(text: string): string {
  return visibleText(cutText(text, NAME_WIDTH));
}

import type { NodeSummary } from '../analysis/types.js';
import { formatBytes } from './formatBytes.js';
import { textTable } from './table.js';

const NAME_WIDTH = 60;

/** `heapdot find` as text: one match per line, nearest first. */
export function matchesToText(matches: NodeSummary[], total: number): string {
  const rows = matches.map((node) => [
    `@${node.id}`,
    node.className,
    node.type,
    formatBytes(node.selfSize),
    node.distance === undefined ? '-' : String(node.distance),
    oneLine(node.name),
  ]);
  const table = textTable(['id', 'class', 'type', 'self size', 'distance', 'name'], rows, [3, 4]);
  const more = total > matches.length ? `(${total - matches.length} more; raise --limit to see them)\n` : '';
  return `${table}${more}`;
}

function oneLine(text: string): string {
  const flat = JSON.stringify(text).slice(1, -1);
  return flat.length > NAME_WIDTH ? `${flat.slice(0, NAME_WIDTH - 1)}…` : flat;
}

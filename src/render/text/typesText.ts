import type { ClassStat } from '../../analysis/classStats.js';
import { formatBytes } from '../formatBytes.js';
import { cutText, NAME_MAX, visibleText } from '../label.js';
import { csvRow } from './csv.js';
import { textTable } from './table.js';

/** `heapdot types` as a table: class, count, self size, retained size (when computed). */
export function typesToText(stats: ClassStat[], total: number): string {
  const retained = stats.some((stat) => stat.retainedSize !== undefined);
  const header = ['class', 'count', 'self size', ...(retained ? ['retained size'] : [])];
  const rows = stats.map((stat) => [
    visibleText(cutText(stat.className, NAME_MAX)),
    stat.count.toLocaleString('en-US'),
    formatBytes(stat.selfSize),
    ...(retained ? [formatBytes(stat.retainedSize ?? 0)] : []),
  ]);
  const more =
    total > stats.length ? `(${total - stats.length} more classes; raise --limit to see them)\n` : '';
  return `${textTable(header, rows, retained ? [1, 2, 3] : [1, 2])}${more}`;
}

export function typesToCsv(stats: ClassStat[]): string {
  const retained = stats.some((stat) => stat.retainedSize !== undefined);
  const header = csvRow(['class', 'count', 'selfSize', ...(retained ? ['retainedSize'] : [])]);
  const rows = stats.map((stat) =>
    csvRow([stat.className, stat.count, stat.selfSize, ...(retained ? [stat.retainedSize ?? 0] : [])]),
  );
  return header + rows.join('');
}

export function typesToJson(stats: ClassStat[]): string {
  return `${JSON.stringify(stats, null, 2)}\n`;
}

import type { SnapshotInfo } from '../../analysis/info.js';
import { formatBytes } from '../formatBytes.js';
import { visibleText } from '../label.js';
import { textTable } from './table.js';

/** `heapdot info` as text: what the file is, its counts, its roots and its most common classes. */
export function infoToText(info: SnapshotInfo): string {
  const lines: string[] = [];
  const stored =
    info.fileBytes === undefined ? '' : `${formatBytes(info.fileBytes)}${info.gzip ? ' gzip, ' : ', '}`;
  lines.push(`${info.file}: ${stored}${formatBytes(info.jsonBytes)} of JSON`);
  lines.push(`format:       ${info.variant.layout}`);
  lines.push(`node fields:  ${info.variant.nodeFields.join(', ')}`);
  lines.push(`sections:     ${info.variant.sections.join(', ')}`);
  lines.push(`nodes:        ${info.nodeCount.toLocaleString('en-US')}`);
  lines.push(`edges:        ${info.edgeCount.toLocaleString('en-US')}`);
  lines.push(`strings:      ${info.stringCount.toLocaleString('en-US')}`);
  lines.push(`locations:    ${info.locationCount.toLocaleString('en-US')}`);
  lines.push(
    `self size:    ${formatBytes(info.totalSelfSize)} (${info.totalSelfSize.toLocaleString('en-US')} bytes)`,
  );
  if (info.extraNativeBytes !== undefined) lines.push(`extra native: ${formatBytes(info.extraNativeBytes)}`);
  lines.push(`allocation traces: ${info.variant.allocationTraces ? 'yes' : 'no'}`);
  lines.push('');
  lines.push(`user roots (${info.userRoots.length}):`);
  for (const root of info.userRoots) lines.push(`  @${root.id}  ${visibleText(root.name)}`);
  lines.push('');
  lines.push(...gcRootsText(info));
  lines.push('');
  lines.push(`most common classes (top ${info.topClasses.length}):`);
  const classes = textTable(
    ['class', 'count', 'self size'],
    info.topClasses.map((entry) => [
      visibleText(entry.className),
      entry.count.toLocaleString('en-US'),
      formatBytes(entry.selfSize),
    ]),
    [1, 2],
  );
  lines.push(...indent(classes));
  return `${lines.join('\n')}\n`;
}

/**
 * The categories that hold objects (V8 lists about 28, most of them empty: those are counted, not
 * listed), then the objects `(GC roots)` holds with no category, in one line.
 */
function gcRootsText(info: SnapshotInfo): string[] {
  const direct = count(info.gcRootObjects, 'object', 'objects');
  if (info.gcRoots.length === 0) return [`GC roots: ${direct} held directly, no categories`];
  const held = info.gcRoots.filter((root) => root.objects > 0);
  const empty = info.gcRoots.length - held.length;
  const emptyText = empty === 0 ? '' : `; ${count(empty, 'empty category', 'empty categories')} not listed`;
  const lines = [`GC roots: ${count(held.length, 'category holds', 'categories hold')} objects${emptyText}`];
  const table = textTable(
    ['category', 'objects'],
    held.map((root) => [visibleText(root.name), root.objects.toLocaleString('en-US')]),
    [1],
  );
  if (held.length > 0) lines.push(...indent(table));
  if (info.gcRootObjects > 0) lines.push(`  ${direct} held directly, with no category`);
  return lines;
}

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function indent(block: string): string[] {
  return block
    .trimEnd()
    .split('\n')
    .map((line) => `  ${line}`);
}

import type { SnapshotInfo } from '../analysis/info.js';
import { formatBytes } from './formatBytes.js';
import { visibleText } from './label.js';
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
  lines.push('GC roots:');
  const roots = textTable(
    ['category', 'objects'],
    info.gcRoots.map((root) => [visibleText(root.name), String(root.objects)]),
    [1],
  );
  lines.push(...indent(roots));
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

function indent(block: string): string[] {
  return block
    .trimEnd()
    .split('\n')
    .map((line) => `  ${line}`);
}

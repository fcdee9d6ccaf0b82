import type { SnapshotDiff } from '../../analysis/snapshotDiff.js';
import { formatBytes } from '../formatBytes.js';
import { cutText, NAME_MAX, visibleText } from '../label.js';
import { csvRow } from './csv.js';
import { textTable } from './table.js';

export const signed = (value: number) =>
  value > 0 ? `+${value.toLocaleString('en-US')}` : value.toLocaleString('en-US');
export const signedBytes = (value: number) =>
  value > 0 ? `+${formatBytes(value)}` : value < 0 ? `-${formatBytes(-value)}` : '0 B';

/** `heapdot diff` as a table, in the diff's order (the classes that grew most first). */
export function diffToText(diff: SnapshotDiff, limit: number): string {
  // The measure and the cause go to standard error (idCheckText); the table only says what it lacks.
  const note = diff.idsComparable
    ? ''
    : 'note: counts only, no new and freed objects: the two snapshots do not number their objects alike\n';
  const ids = diff.idsComparable;
  const retained = hasRetained(diff);
  const shown = diff.classes.slice(0, limit);
  const header = [
    'class',
    'before',
    'after',
    'delta',
    'size delta',
    ...(retained ? ['retained delta'] : []),
    ...(ids ? ['new', 'freed'] : []),
  ];
  const rows = shown.map((row) => [
    visibleText(cutText(row.className, NAME_MAX)),
    row.countBefore.toLocaleString('en-US'),
    row.countAfter.toLocaleString('en-US'),
    signed(row.countDelta),
    signedBytes(row.sizeDelta),
    ...(retained ? [signedBytes(row.retainedDelta ?? 0)] : []),
    ...(ids ? [String(row.newObjects), String(row.freedObjects)] : []),
  ]);
  const more =
    diff.classes.length > shown.length ? `(${diff.classes.length - shown.length} more classes)\n` : '';
  const numbers = header.map((_, column) => column).slice(1);
  return `${note}${textTable(header, rows, numbers)}${more}`;
}

/** Retained sizes are in a diff only when both snapshots' dominators were computed (--sort retained). */
function hasRetained(diff: SnapshotDiff): boolean {
  return diff.classes.some((row) => row.retainedDelta !== undefined);
}

/** One row per class; the retained columns come last, and only when the diff has them. */
export function diffToCsv(diff: SnapshotDiff): string {
  const retained = hasRetained(diff);
  const header = csvRow([
    'class',
    'countBefore',
    'countAfter',
    'countDelta',
    'sizeBefore',
    'sizeAfter',
    'sizeDelta',
    'newObjects',
    'freedObjects',
    ...(retained ? ['retainedBefore', 'retainedAfter', 'retainedDelta'] : []),
  ]);
  const rows = diff.classes.map((row) =>
    csvRow([
      row.className,
      row.countBefore,
      row.countAfter,
      row.countDelta,
      row.sizeBefore,
      row.sizeAfter,
      row.sizeDelta,
      row.newObjects ?? '',
      row.freedObjects ?? '',
      ...(retained ? [row.retainedBefore ?? 0, row.retainedAfter ?? 0, row.retainedDelta ?? 0] : []),
    ]),
  );
  return header + rows.join('');
}

export function diffToJson(diff: SnapshotDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}

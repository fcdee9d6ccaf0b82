import { isV8InternalClass, type TrendSnapshot } from '../index.js';
import type { CliIO } from './io.js';
import type { AllOption, CommonOptions } from './options.js';

/**
 * The rows a ranking shows: without --all, those of V8's own classes are left out, and a note on
 * standard error says how many (the result itself stays a clean table, CSV or JSON).
 */
export function rankedClasses<Row extends { className: string }>(
  rows: readonly Row[],
  options: AllOption & Pick<CommonOptions, 'quiet'>,
  io: CliIO,
  command: string,
): Row[] {
  if (options.all) return [...rows];
  const shown = rows.filter((row) => !isV8InternalClass(row.className));
  const left = new Set(rows.filter((row) => isV8InternalClass(row.className)).map((row) => row.className));
  if (left.size > 0 && !options.quiet)
    io.stderr.write(
      `${command}: ${left.size} ${left.size === 1 ? 'class' : 'classes'} of V8's own left out (${[...left].slice(0, 3).join(', ')}${left.size > 3 ? ', ...' : ''}); --all lists them\n`,
    );
  return shown;
}

/**
 * rankedClasses for every snapshot of a series alike, with one note (the last snapshot's), so the
 * fastest-growing rows are user classes.
 */
export function rankedSeries(
  snapshots: readonly TrendSnapshot[],
  options: AllOption & Pick<CommonOptions, 'quiet'>,
  io: CliIO,
  command: string,
): TrendSnapshot[] {
  return snapshots.map((snapshot, index) => ({
    ...snapshot,
    stats: rankedClasses(
      snapshot.stats,
      index === snapshots.length - 1 ? options : { ...options, quiet: true },
      io,
      command,
    ),
  }));
}

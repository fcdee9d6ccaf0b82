import { InvalidArgumentError } from 'commander';
import {
  idCheckText,
  SUSPECT_KINDS,
  type SuspectKind,
  SuspectSeries,
  type SuspectsOptions,
  type SuspectsView,
  suspectsView,
} from '../../index.js';
import { dominatorsShown } from '../dominatorsProgress.js';
import { UsageError } from '../errors.js';
import type { CliIO } from '../io.js';
import { loadSnapshot, refuseStdinTwice } from '../load.js';
import { type CommonOptions, percent } from '../options.js';

export interface SuspectsCliOptions extends CommonOptions, SuspectsOptions {
  top: number;
  outDir?: string;
}

/** `--only growing,listeners`: kinds from SUSPECT_KINDS, comma-separated. */
export function parseKinds(value: string): SuspectKind[] {
  const kinds = value.split(',').map((kind) => kind.trim());
  for (const kind of kinds)
    if (!(SUSPECT_KINDS as readonly string[]).includes(kind))
      throw new InvalidArgumentError(`use kinds from ${SUSPECT_KINDS.join(', ')}, comma-separated.`);
  return kinds as SuspectKind[];
}

/** `--share 10%` or `--share 10`: a percentage of the heap. */
export function parseShare(value: string): number {
  return percent(value.trim().replace(/%$/, ''));
}

/**
 * Reads the series one snapshot at a time (oldest first), each with its dominator tree, checks each
 * one's ids against the previous one's as `diff` does (a renumbered series would make every object
 * new: refused, exit 2), and finds the suspects of the last.
 */
export async function suspectsOfFiles(
  snapshots: readonly string[],
  io: CliIO,
  options: SuspectsCliOptions,
): Promise<SuspectsView> {
  refuseStdinTwice(snapshots);
  const series = new SuspectSeries(options);
  for (const [index, path] of snapshots.entries()) {
    series.forgetLast();
    const graph = await loadSnapshot(path, io, options);
    const check = series.add(graph, dominatorsShown(graph, io, options));
    if (check) {
      const mismatch = idCheckText(check, snapshots[index - 1], path);
      throw new UsageError(`suspects needs snapshots of one numbering: ${mismatch}`);
    }
  }
  const last = series.last;
  if (!last) throw new UsageError('suspects needs a snapshot');
  return suspectsView(series.suspects(), last, snapshots, { top: options.top });
}

import {
  allocatedBetween,
  checkIds,
  computeDistances,
  type DiffSide,
  diffSide,
  groupByClass,
  idCheckText,
  type LeakSeries,
  type LeaksViewInput,
  stillAlive,
} from '../index.js';
import { dominatorsShown } from './dominatorsProgress.js';
import { NotFoundError, UsageError } from './errors.js';
import type { CliIO } from './io.js';
import { loadSnapshot } from './load.js';
import type { AllOption, CommonOptions, RawOption } from './options.js';
import { rankedClasses } from './rankings.js';

/**
 * Reads the three snapshots of `heapdot leaks` and finds the objects allocated between baseline
 * and target that are alive in final. One graph at a time: the first two are reduced to sorted ids
 * and their classes. The target is read first: all three name plain objects after its interfaces,
 * so one object keeps one class across them (as DevTools' Comparison view names both sides after
 * one snapshot). Then the final snapshot's distances and dominators, and the leaked objects by
 * class: all of them with --raw, else without V8's own classes unless --all (said on standard error).
 */
export async function readLeaks(
  io: CliIO,
  series: LeakSeries,
  options: Pick<CommonOptions, 'progress' | 'quiet'> & AllOption & RawOption,
): Promise<LeaksViewInput> {
  const target = diffSide(await loadSnapshot(series.target, io, options));
  const baseline = diffSide(await loadSnapshot(series.baseline, io, options), {
    interfaces: target.interfaces,
  });
  refuseUnlessComparable(baseline, target, series.baseline, series.target);
  const final = await loadSnapshot(series.final, io, options);
  refuseUnlessComparable(
    target,
    diffSide(final, { interfaces: target.interfaces }),
    series.target,
    series.final,
  );
  const leaked = stillAlive(final, allocatedBetween(baseline.ids, target.ids));
  if (leaked.length === 0)
    throw new NotFoundError(
      `no object allocated between ${series.baseline} and ${series.target} is alive in ${series.final}`,
    );
  const dominators = dominatorsShown(final, io, options);
  const byClass = groupByClass(final, leaked, dominators);
  const classes = options.raw ? byClass : rankedClasses(byClass, options, io, 'leaks');
  return { final, leaked, distances: computeDistances(final), dominators, classes };
}

/** Ids that name other objects in the next snapshot would make every renumbered object a "leak". */
function refuseUnlessComparable(a: DiffSide, b: DiffSide, first: string, second: string): void {
  const mismatch = idCheckText(checkIds(a, b), first, second);
  if (mismatch) throw new UsageError(`leaks needs three snapshots of one numbering: ${mismatch}`);
}

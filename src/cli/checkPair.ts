import {
  type CheckReport,
  type CheckRule,
  checkReport,
  classStats,
  computeDistances,
  diffSide,
  diffSnapshots,
  dominatorTree,
  evaluateRules,
  type HeapGraph,
  idCheckText,
  isV8InternalClass,
  type KnownLeak,
  needsIds,
} from '../index.js';
import { dominatorsShown } from './dominatorsProgress.js';
import { UsageError } from './errors.js';
import type { CliIO } from './io.js';
import { loadSnapshot } from './load.js';
import type { AllOption, CommonOptions } from './options.js';

type PairOptions = Pick<CommonOptions, 'progress' | 'quiet'> & AllOption;

/**
 * Reads two snapshots, checks the rules on their diff and finds each failure's chain. The later
 * graph stays for the chains; the earlier one is reduced to ids and class totals, its plain
 * objects named after the later one's interfaces (as diff does).
 */
export async function checkPair(
  io: CliIO,
  [beforePath, afterPath]: string[],
  rules: readonly CheckRule[],
  baseline: readonly KnownLeak[] | undefined,
  options: PairOptions,
): Promise<CheckReport> {
  const graph = await loadSnapshot(afterPath, io, options);
  const after = diffSide(graph);
  const before = diffSide(await loadSnapshot(beforePath, io, options), { interfaces: after.interfaces });
  const diff = diffSnapshots(before, after);
  const mismatch = idCheckText(diff.idCheck, beforePath, afterPath);
  if (mismatch && rules.some(needsIds))
    throw new UsageError(`--max-new cannot tell new objects: ${mismatch}`);
  if (mismatch && !options.quiet)
    io.stderr.write(`heapdot check: ${mismatch}; the chains are of the nearest objects, new or not\n`);
  const outcomes = evaluateRules(rules, diff, {
    retained: rules.some((rule) => rule.kind === 'max-retained')
      ? retainedByClass(graph, io, options)
      : undefined,
    skipClass: options.all ? undefined : isV8InternalClass,
  });
  return checkReport({
    before: { name: beforePath, ids: before.ids },
    after: graph,
    distances: computeDistances(graph),
    idsComparable: diff.idsComparable,
    outcomes,
    baseline,
  });
}

/** DevTools' class retained sizes in one snapshot, by class name. */
function retainedByClass(graph: HeapGraph, io: CliIO, options: PairOptions): Map<string, number> {
  const dominators = dominatorsShown(graph, io, options);
  const stats = classStats(graph, { dominators, tree: dominatorTree(graph, dominators) });
  return new Map(stats.map((stat) => [stat.className, stat.retainedSize ?? 0]));
}

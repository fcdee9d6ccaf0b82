import { compareText } from './compare.js';
import { type ClassDiff, emptyClassDiff, type SnapshotDiff } from './snapshotDiff.js';
import type { TargetSpec } from './targets.js';

/**
 * The rules of a leak test on two snapshots (heapdot check): fuite's "maximum allowed leak" and
 * objgraph's show_growth deltas, made into limits a CI job can fail on. Each rule names classes
 * (DevTools' class names, exactly or by /regex/) and a limit; a rule holds when every class it
 * names stays within it.
 */

/** The classes a rule names: one class name, or the classes a regular expression matches. */
export type ClassPattern = Extract<TargetSpec, { kind: 'class' | 'regex' }>;

export type CheckRule =
  /** The class's count in after minus its count in before is at most `limit`. */
  | { kind: 'max-growth'; classes: ClassPattern; limit: number }
  /** At most `limit` objects of the class are in after and not in before (ids must compare). */
  | { kind: 'max-new'; classes: ClassPattern; limit: number }
  /** DevTools' class retained size in after is at most `limit` bytes. */
  | { kind: 'max-retained'; classes: ClassPattern; limit: number }
  /** No object of the class is in after. */
  | { kind: 'absent'; classes: ClassPattern };

export type CheckRuleKind = CheckRule['kind'];

/** What one rule measured on one class. */
export interface RuleOutcome {
  rule: CheckRule;
  /** The class measured; undefined when the rule's pattern matched no class. */
  className?: string;
  /** The class's row of the diff (counts, new objects), when it has one. */
  row?: ClassDiff;
  /** Growth, new objects, retained bytes or count in after, as the rule's kind measures. */
  measured: number;
  /** The most the rule allows (0 for absent). */
  limit: number;
  passed: boolean;
}

export interface EvaluateOptions {
  /** Per class: DevTools' retained size in after, which max-retained rules need. */
  retained?: ReadonlyMap<string, number>;
  /** Classes a /regex/ pattern passes over (V8's own, unless asked for). @default none */
  skipClass?: (className: string) => boolean;
}

/** True for rules that compare ids: the two snapshots must number objects alike. */
export function needsIds(rule: CheckRule): boolean {
  return rule.kind === 'max-new';
}

/**
 * Every rule against the diff: for each rule, one failing outcome per class over its limit (the
 * largest first), or, when it holds, one passing outcome for the class that came nearest to it
 * (the named class itself for a class name). Outcomes follow the order of `rules`.
 */
export function evaluateRules(
  rules: readonly CheckRule[],
  diff: SnapshotDiff,
  options: EvaluateOptions = {},
): RuleOutcome[] {
  const outcomes: RuleOutcome[] = [];
  for (const rule of rules) {
    if (needsIds(rule) && !diff.idsComparable)
      throw new Error(`${rule.kind} needs snapshots whose ids compare (checkIds)`);
    if (rule.kind === 'max-retained' && !options.retained)
      throw new Error('max-retained needs the retained sizes of the later snapshot');
    const measured = matchingRows(rule.classes, diff.classes, options.skipClass).map((row) =>
      outcome(rule, row, options.retained),
    );
    if (measured.length === 0) {
      outcomes.push({ rule, measured: 0, limit: limitOf(rule), passed: true });
      continue;
    }
    measured.sort((a, b) => b.measured - a.measured || compareText(a.className!, b.className!));
    const failed = measured.filter((entry) => !entry.passed);
    outcomes.push(...(failed.length > 0 ? failed : [measured[0]]));
  }
  return outcomes;
}

function matchingRows(
  classes: ClassPattern,
  rows: readonly ClassDiff[],
  skipClass: ((className: string) => boolean) | undefined,
): ClassDiff[] {
  if (classes.kind === 'class') {
    const row = rows.find((entry) => entry.className === classes.name);
    // A class in neither snapshot is measured as a row of zeros: it did not grow.
    return [row ?? emptyClassDiff(classes.name, true)];
  }
  return rows.filter((row) => classes.pattern.test(row.className) && !skipClass?.(row.className));
}

function limitOf(rule: CheckRule): number {
  return rule.kind === 'absent' ? 0 : rule.limit;
}

function outcome(
  rule: CheckRule,
  row: ClassDiff,
  retained: ReadonlyMap<string, number> | undefined,
): RuleOutcome {
  const measured =
    rule.kind === 'max-growth'
      ? row.countDelta
      : rule.kind === 'max-new'
        ? (row.newObjects ?? 0)
        : rule.kind === 'max-retained'
          ? (retained?.get(row.className) ?? 0)
          : row.countAfter;
  const limit = limitOf(rule);
  return { rule, className: row.className, row, measured, limit, passed: measured <= limit };
}

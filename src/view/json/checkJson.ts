import type { CheckRule } from '../../analysis/checkRules.js';
import type { CheckEntry, CheckReport, KnownLeak } from '../checkReport.js';
import { chainToJson } from './chainJson.js';

/** A rule's classes as written: the class name, or `/regex/flags`. */
export function patternText(rule: CheckRule): string {
  return rule.classes.kind === 'class' ? rule.classes.name : String(rule.classes.pattern);
}

function entryObject(entry: CheckEntry): object {
  const { rule, row, example } = entry;
  return {
    rule: rule.kind,
    classes: patternText(rule),
    className: entry.className ?? null,
    measured: entry.measured,
    limit: entry.limit,
    passed: entry.passed,
    known: entry.known,
    ...(row && {
      countBefore: row.countBefore,
      countAfter: row.countAfter,
      ...(row.newObjects !== undefined && { newObjects: row.newObjects }),
    }),
    ...(example && {
      example: {
        id: example.id,
        new: example.isNew,
        knownPath: example.knownPath,
        chain: JSON.parse(chainToJson(example.chain)) as object,
      },
    }),
  };
}

/**
 * heapdot check's report as JSON: whether it passed, then one result per rule and class, each
 * failure with the chain of its example in the shape of `heapdot chain --format json`.
 */
export function checkToJson(report: CheckReport): string {
  const json = {
    passed: report.passed,
    before: report.before,
    after: report.after,
    idsComparable: report.idsComparable,
    failed: report.failed,
    known: report.known,
    results: report.entries.map(entryObject),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** The file `--write-baseline` writes and `--baseline` reads. */
export interface BaselineJson {
  heapdotBaseline: 1;
  known: { className: string; accessPath: string }[];
}

export function baselineToJson(known: readonly KnownLeak[]): string {
  const json: BaselineJson = {
    heapdotBaseline: 1,
    known: known.map(({ className, accessPath }) => ({ className, accessPath })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** The known leaks of a baseline file's parsed JSON, or a sentence saying what is wrong with it. */
export function baselineFromJson(value: unknown): KnownLeak[] | string {
  const json = value as Partial<BaselineJson> | null;
  if (typeof json !== 'object' || json === null || json.heapdotBaseline !== 1)
    return 'not a heapdot baseline (it has no "heapdotBaseline": 1; heapdot check --write-baseline writes one)';
  if (!Array.isArray(json.known)) return '"known" is not a list';
  for (const [index, leak] of json.known.entries()) {
    if (typeof leak?.className !== 'string' || typeof leak.accessPath !== 'string')
      return `known[${index}] needs a className and an accessPath (strings)`;
  }
  return json.known.map(({ className, accessPath }) => ({ className, accessPath }));
}

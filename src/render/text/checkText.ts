import type { CheckRule, RuleOutcome } from '../../analysis/checkRules.js';
import type { CheckEntry, CheckReport } from '../../view/checkReport.js';
import { patternText } from '../../view/json/checkJson.js';
import { formatBytes } from '../formatBytes.js';
import { visibleText } from '../label.js';
import { escapeXml } from '../svg/xmlText.js';
import { chainToText } from './chainText.js';
import { codeSpan, escapeMarkdownText, fencedBlock, markdownTable } from './markdownText.js';

const count = (n: number) => n.toLocaleString('en-US');

/** A rule as its option is written: `--max-growth Leaky=10`, `--absent /Detached/`. */
export function ruleText(rule: CheckRule): string {
  const classes = patternText(rule);
  return rule.kind === 'absent' ? `--absent ${classes}` : `--${rule.kind} ${classes}=${rule.limit}`;
}

/** What was measured, in words: `Leaky grew by 500 (from 0 to 500); at most 10 allowed`. */
export function outcomeText(outcome: RuleOutcome): string {
  const { rule, row, measured, limit } = outcome;
  const name = outcome.className ?? `no class matches ${patternText(rule)}`;
  if (outcome.className === undefined) return name;
  const limitWords = rule.kind === 'max-retained' ? formatBytes(limit) : count(limit);
  const allowed = rule.kind === 'absent' ? 'none allowed' : `at most ${limitWords} allowed`;
  const measuredWords =
    rule.kind === 'max-growth'
      ? `${name} grew by ${count(measured)} (from ${count(row?.countBefore ?? 0)} to ${count(row?.countAfter ?? 0)})`
      : rule.kind === 'max-new'
        ? `${count(measured)} new ${name}`
        : rule.kind === 'max-retained'
          ? `${name} retains ${formatBytes(measured)}`
          : `${count(measured)} ${name} in the later snapshot`;
  return `${measuredWords}; ${allowed}`;
}

function status(entry: CheckEntry): 'PASS' | 'FAIL' | 'KNOWN' {
  return entry.passed ? 'PASS' : entry.known ? 'KNOWN' : 'FAIL';
}

/** `1 of 3 checks failed (1 known leak accepted by the baseline)`. */
export function checkSummary(report: CheckReport): string {
  const total = report.entries.length;
  const known =
    report.known > 0
      ? ` (${report.known} known leak${report.known === 1 ? '' : 's'} accepted by the baseline)`
      : '';
  const verdict = report.passed ? `all ${total} checks passed` : `${report.failed} of ${total} checks failed`;
  return `${verdict}${known}`;
}

/** `the nearest new Leaky, @1234` (or the nearest Leaky, when none is new or ids do not compare). */
export function exampleWords(entry: CheckEntry): string {
  const example = entry.example!;
  return `the nearest ${example.isNew ? 'new ' : ''}${entry.className}, @${example.id}`;
}

/**
 * The report as text: one line per rule and class (PASS, FAIL or KNOWN), each failure followed by
 * the chain of its nearest new object as `heapdot chain` prints it, then the summary.
 */
export function checkToText(report: CheckReport, options: { color?: boolean } = {}): string {
  const lines = [`heapdot check ${report.before} ${report.after}`];
  for (const entry of report.entries) {
    lines.push(`${status(entry).padEnd(5)}  ${ruleText(entry.rule)}: ${visibleText(outcomeText(entry))}`);
    if (entry.passed || !entry.example) continue;
    lines.push(`       ${visibleText(exampleWords(entry))}:`);
    const chain = chainToText(entry.example.chain, options).trimEnd().split('\n');
    lines.push(...chain.map((line) => `         ${line}`));
  }
  lines.push(checkSummary(report));
  return `${lines.join('\n')}\n`;
}

/**
 * The report as the Markdown a CI job posts on a pull request: a summary table, then each
 * failure's access path and chain.
 */
export function checkToMarkdown(report: CheckReport): string {
  const mark = { PASS: 'pass', FAIL: '**FAIL**', KNOWN: 'known' };
  const rows = report.entries.map((entry) => [
    mark[status(entry)],
    codeSpan(visibleText(ruleText(entry.rule)), { inTable: true }),
    escapeMarkdownText(visibleText(outcomeText(entry))),
  ]);
  const parts = [
    `## heapdot check: ${checkSummary(report)}\n`,
    `${codeSpan(visibleText(report.before))} -> ${codeSpan(visibleText(report.after))}\n`,
    markdownTable(['result', 'rule', 'measured'], rows),
  ];
  for (const entry of report.entries) {
    if (entry.passed || !entry.example) continue;
    const { chain } = entry.example;
    const path = chain.user
      ? codeSpan(visibleText(chain.user.accessPath))
      : escapeMarkdownText('(no user-level path)');
    parts.push(
      `### ${status(entry) === 'KNOWN' ? 'Known: ' : ''}${escapeMarkdownText(visibleText(outcomeText(entry)))}\n`,
      `${escapeMarkdownText(visibleText(exampleWords(entry)))}: ${path}\n`,
      fencedBlock(chainToText(chain)),
    );
  }
  return parts.join('\n');
}

/** A rule, and for a /regex/ the class measured: `--max-growth /Cache/=0 (LruCache)`. */
function caseName(entry: CheckEntry): string {
  const rule = ruleText(entry.rule);
  return entry.rule.classes.kind === 'regex' && entry.className ? `${rule} (${entry.className})` : rule;
}

/**
 * The report as JUnit XML (the element and attribute names of the JUnit schema CI servers read:
 * testsuites, testsuite, testcase, failure, skipped): one test case per rule and class, a failure
 * carrying the chain, a known leak skipped.
 */
export function checkToJunit(report: CheckReport): string {
  const attributes = (values: Record<string, string | number>) =>
    Object.entries(values)
      .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
      .join('');
  const tests = report.entries.length;
  const totals = { tests, failures: report.failed, errors: 0, skipped: report.known };
  const cases = report.entries.map((entry) => {
    const open = `    <testcase${attributes({ classname: 'heapdot.check', name: caseName(entry) })}`;
    if (entry.passed) return `${open}/>`;
    const message = outcomeText(entry);
    if (entry.known)
      return `${open}>\n      <skipped${attributes({ message: `known leak: ${message}` })}/>\n    </testcase>`;
    const body = entry.example ? `${exampleWords(entry)}:\n${chainToText(entry.example.chain)}` : message;
    return `${open}>\n      <failure${attributes({ message, type: entry.rule.kind })}>${body.split('\n').map(escapeXml).join('\n')}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name: 'heapdot check', ...totals })}>`,
    `  <testsuite${attributes({ name: `heapdot check ${report.before} ${report.after}`, ...totals })}>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

import type { SuspectJson } from '../../view/json/suspectsJson.js';
import type { SuspectsView } from '../../view/suspectsView.js';
import { formatBytes } from '../formatBytes.js';
import { chainToMarkdown } from './chainMarkdown.js';
import { chainToText } from './chainText.js';
import { codeSpan, escapeMarkdownText, markdownTable } from './markdownText.js';

const KIND_WORDS = {
  growing: 'grows',
  listeners: 'listeners',
  holders: 'big holder',
  strings: 'duplicated string',
  globals: 'program global',
} as const;

/** `1,300`: counts as a person reads them. */
function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** The numbers of one suspect, in one line: what it is and why it is suspected. */
export function suspectSummary(suspect: SuspectJson): string {
  const what = `${suspect.node.className} @${suspect.node.id}`;
  switch (suspect.kind) {
    case 'growing': {
      const retained = suspect.retained.map(formatBytes).join(' -> ');
      const entries = suspect.entries
        ? `, ${suspect.collection} entries ${suspect.entries.map(count).join(' -> ')}`
        : '';
      return `${what} grew in every snapshot: retained ${retained}${entries}`;
    }
    case 'listeners': {
      const { name, location } = suspect.listener;
      return `${what} has ${count(suspect.count)} "${suspect.event}" listeners from one source: ${name}${location ? ` ${location}` : ''} (${formatBytes(suspect.retainedSize)})`;
    }
    case 'holders': {
      const point = suspect.accumulationPoint;
      const at =
        point.id === suspect.node.id
          ? ''
          : `; accumulates in ${point.className} @${point.id}${suspect.accumulationPath ? ` (${suspect.accumulationPath})` : ''}`;
      return `${what} keeps ${(suspect.share * 100).toFixed(1)}% of the heap (${formatBytes(suspect.node.retainedSize ?? 0)})${at}`;
    }
    case 'strings': {
      const held = suspect.heldBy.map((h) => `${h.accessPath} ×${count(h.count)}`).join(', ');
      return `${JSON.stringify(suspect.text)} stored ${count(suspect.copies)} times, ${formatBytes(suspect.stringSize)} each: ${formatBytes(suspect.wastedSize)} wasted; held by ${held}`;
    }
    case 'globals':
      return `globalThis.${suspect.name}: ${what}, retains ${formatBytes(suspect.node.retainedSize ?? 0)}`;
  }
}

/** `heapdot suspects` as text: one block per suspect, its numbers, then its user chain. */
export function suspectsToText(view: SuspectsView, options: { color?: boolean } = {}): string {
  const { json } = view;
  const found = json.kinds.map((kind) => `${json.found[kind] ?? 0} ${kind}`).join(', ');
  const lines = [
    `${json.snapshots.length} snapshot${json.snapshots.length === 1 ? '' : 's'}, heap ${formatBytes(json.totalSize)}; found ${found}`,
  ];
  if (json.snapshots.length === 1 && json.kinds.includes('growing'))
    lines.push('(growth needs two or more snapshots of one process)');
  if (view.suspects.length === 0) lines.push('no suspects');
  for (const { json: suspect, chain } of view.suspects) {
    lines.push('', `#${suspect.rank} ${KIND_WORDS[suspect.kind]}: ${suspectSummary(suspect)}`);
    lines.push(
      ...chainToText(chain, options)
        .trimEnd()
        .split('\n')
        .map((line) => `  ${line}`),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** `heapdot suspects` as Markdown for a bug report: a summary table, then each suspect's chain. */
export function suspectsToMarkdown(view: SuspectsView): string {
  const { json } = view;
  const rows = view.suspects.map(({ json: s }) => [
    String(s.rank),
    KIND_WORDS[s.kind],
    codeSpan(`${s.node.className} @${s.node.id}`),
    escapeMarkdownText(suspectSummary(s)),
    s.accessPath ? codeSpan(s.accessPath) : '',
  ]);
  const parts = [
    `## Suspects in ${escapeMarkdownText(json.snapshots[json.snapshots.length - 1])}`,
    '',
    `${json.snapshots.length} snapshot(s), heap ${formatBytes(json.totalSize)}.`,
    '',
    rows.length > 0
      ? markdownTable(['#', 'kind', 'object', 'why', 'access path'], rows, [0])
      : 'No suspects.',
  ];
  for (const { json: s, chain } of view.suspects)
    parts.push('', `### #${s.rank} ${KIND_WORDS[s.kind]}`, '', chainToMarkdown(chain).trimEnd());
  return `${parts.join('\n')}\n`;
}

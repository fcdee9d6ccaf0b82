import { fileURLToPath } from 'node:url';
import type { AllocationSites, SiteTotals, SiteView } from '../../analysis/allocationSiteTypes.js';
import type { AllocationFrame } from '../../snapshot/allocationTraces.js';
import { formatBytes } from '../formatBytes.js';
import { cutText, cutTextStart, NAME_MAX, visibleText } from '../label.js';
import { csvRow } from './csv.js';
import { textTable } from './table.js';

/** How `heapdot sites` names the objects that have no allocation stack. */
export const UNTRACED_LABEL = '(no allocation stack: allocated before tracking started)';
/** How it names the top of V8's stack tree: objects allocated while no JavaScript ran. */
export const NO_FRAME_LABEL = '(no JavaScript frame)';

/** A script as people read it: a path rather than a `file://` URL. */
export function scriptText(scriptName: string): string {
  if (!scriptName.startsWith('file://')) return scriptName;
  try {
    return fileURLToPath(scriptName);
  } catch {
    return scriptName;
  }
}

export const functionText = (frame: AllocationFrame) =>
  visibleText(cutText(frame.functionName || '(anonymous)', NAME_MAX));
/** `script:line` (`script:line:column` with `column`), or `(no script)` for V8's own frames. */
export function placeText(frame: AllocationFrame, column = false): string {
  if (frame.scriptName === '') return '(no script)';
  const script = visibleText(cutTextStart(scriptText(frame.scriptName), NAME_MAX));
  return `${script}:${frame.line}${column ? `:${frame.column}` : ''}`;
}

/** `Alpha ×300, Array ×2` (and how many other classes). */
function classesText(totals: SiteTotals): string {
  const named = totals.classes.map(
    (each) => `${visibleText(cutText(each.className, NAME_MAX))} ×${each.count.toLocaleString('en-US')}`,
  );
  const others = totals.classCount - totals.classes.length;
  return [...named, ...(others > 0 ? [`${others} more`] : [])].join(', ');
}

function moreText(result: AllocationSites): string {
  const more = result.siteCount - result.sites.length;
  return more > 0 ? `(${more} more sites; raise --limit to see them)\n` : '';
}

function untracedText(result: AllocationSites): string {
  const { untraced } = result;
  if (untraced.count === 0) return '';
  const retained =
    untraced.retainedSize === undefined ? '' : `, ${formatBytes(untraced.retainedSize)} retained`;
  return `\n${UNTRACED_LABEL}: ${untraced.count.toLocaleString('en-US')} objects, ${formatBytes(untraced.selfSize)} self${retained}: ${classesText(untraced)}\n`;
}

/**
 * `heapdot sites` as text. The line view is a table (count, sizes, `file:line`, function,
 * classes); the stack view a block per site, its frames innermost first as in a JavaScript stack
 * trace. The objects without a stack come last, on their own line.
 */
export function sitesToText(result: AllocationSites): string {
  const body = result.view === 'line' ? lineTable(result) : stackBlocks(result);
  return `${body}${moreText(result)}${untracedText(result)}`;
}

function lineTable(result: AllocationSites): string {
  const retained = result.sites.some((site) => site.retainedSize !== undefined);
  const header = [
    'count',
    'self size',
    ...(retained ? ['retained size'] : []),
    'site',
    'function',
    'classes',
  ];
  const rows = result.sites.map((site) => {
    const frame = site.frames[0];
    return [
      site.count.toLocaleString('en-US'),
      formatBytes(site.selfSize),
      ...(retained ? [formatBytes(site.retainedSize ?? 0)] : []),
      frame ? placeText(frame) : NO_FRAME_LABEL,
      frame ? functionText(frame) : '',
      classesText(site),
    ];
  });
  return textTable(header, rows, retained ? [0, 1, 2] : [0, 1]);
}

function stackBlocks(result: AllocationSites): string {
  return result.sites
    .map((site, index) => {
      const retained = site.retainedSize === undefined ? '' : `, ${formatBytes(site.retainedSize)} retained`;
      const head = `#${index + 1}: ${site.count.toLocaleString('en-US')} objects, ${formatBytes(site.selfSize)} self${retained}: ${classesText(site)}`;
      const frames = site.frames.length === 0 ? [`    ${NO_FRAME_LABEL}`] : site.frames.map(frameLine);
      return `${[head, ...frames].join('\n')}\n`;
    })
    .join('\n');
}

export function frameLine(frame: AllocationFrame): string {
  return `    at ${functionText(frame)} (${placeText(frame, true)})`;
}

/** A frame in one CSV field: `function script:line:column`. */
export function frameField(frame: AllocationFrame): string {
  return `${frame.functionName || '(anonymous)'} ${frame.scriptName}:${frame.line}:${frame.column}`;
}

const classesField = (totals: SiteTotals) =>
  totals.classes.map((each) => `${each.className} ×${each.count}`).join('; ');

/** The CSV columns that say where a site is: function, script, line and column, or the whole stack. */
export function placeColumns(view: SiteView): string[] {
  return view === 'line' ? ['function', 'script', 'line', 'column'] : ['stack'];
}

/** A site's values for placeColumns. */
export function placeFields(view: SiteView, frames: readonly AllocationFrame[]): (string | number)[] {
  if (view === 'stack') return [frames.map(frameField).join(' < ')];
  const frame = frames[0];
  return frame ? [frame.functionName, frame.scriptName, frame.line, frame.column] : ['', '', '', ''];
}

/**
 * `heapdot sites` as CSV: one row per site (`kind` site), then one row for the objects without
 * a stack (`kind` untraced). The line view has function, script, line and column columns; the
 * stack view one `stack` column, frames innermost first, joined by ` < `.
 */
export function sitesToCsv(result: AllocationSites): string {
  const retained = result.untraced.retainedSize !== undefined;
  const where = placeColumns(result.view);
  const header = csvRow([
    'kind',
    ...where,
    'count',
    'selfSize',
    ...(retained ? ['retainedSize'] : []),
    'classes',
  ]);
  const numbers = (totals: SiteTotals) => [
    totals.count,
    totals.selfSize,
    ...(retained ? [totals.retainedSize ?? 0] : []),
    classesField(totals),
  ];
  const rows = result.sites.map((site) =>
    csvRow(['site', ...placeFields(result.view, site.frames), ...numbers(site)]),
  );
  const untraced = csvRow(['untraced', ...where.map(() => ''), ...numbers(result.untraced)]);
  return header + rows.join('') + untraced;
}

/** `heapdot sites` as JSON: the AllocationSites object as it is (its shape is documented in the README). */
export function sitesToJson(result: AllocationSites): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

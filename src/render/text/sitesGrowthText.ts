import type { AllocationSitesGrowth, SiteGrowthTotals } from '../../analysis/allocationSiteTypes.js';
import { cutText, NAME_MAX, visibleText } from '../label.js';
import { csvRow } from './csv.js';
import { signed, signedBytes } from './diffText.js';
import {
  frameLine,
  functionText,
  NO_FRAME_LABEL,
  placeColumns,
  placeFields,
  placeText,
  UNTRACED_LABEL,
} from './sitesText.js';
import { textTable } from './table.js';

/** `Leaked ×500 (+500), Array ×2` (objects after, and the change where there is one; how many other classes). */
function classesText(totals: SiteGrowthTotals): string {
  const named = totals.classes.map((each) => {
    const change = each.countDelta === 0 ? '' : ` (${signed(each.countDelta)})`;
    return `${visibleText(cutText(each.className, NAME_MAX))} ×${each.countAfter.toLocaleString('en-US')}${change}`;
  });
  const others = totals.classCount - totals.classes.length;
  return [...named, ...(others > 0 ? [`${others} more`] : [])].join(', ');
}

/** `+500 objects (0 -> 500), +15.6 KiB self`. */
function changeText(totals: SiteGrowthTotals): string {
  const count = (n: number) => n.toLocaleString('en-US');
  return `${signed(totals.countDelta)} objects (${count(totals.countBefore)} -> ${count(totals.countAfter)}), ${signedBytes(totals.sizeDelta)} self`;
}

/**
 * `heapdot sites BEFORE AFTER` as text, largest growth first: in the line view a table (objects
 * before and after, the change in count and self size, `file:line`, function, classes), in the
 * stack view a block per site. The objects without a stack come last, on their own line.
 */
export function sitesGrowthToText(result: AllocationSitesGrowth): string {
  const body = result.view === 'line' ? lineTable(result) : stackBlocks(result);
  const more = result.siteCount - result.sites.length;
  const moreText = more > 0 ? `(${more} more sites; raise --limit to see them)\n` : '';
  const { untraced } = result;
  const untracedText =
    untraced.countBefore + untraced.countAfter === 0
      ? ''
      : `\n${UNTRACED_LABEL}: ${changeText(untraced)}: ${classesText(untraced)}\n`;
  return `${body}${moreText}${untracedText}`;
}

function lineTable(result: AllocationSitesGrowth): string {
  const header = ['before', 'after', 'delta', 'size delta', 'site', 'function', 'classes'];
  const rows = result.sites.map((site) => {
    const frame = site.frames[0];
    return [
      site.countBefore.toLocaleString('en-US'),
      site.countAfter.toLocaleString('en-US'),
      signed(site.countDelta),
      signedBytes(site.sizeDelta),
      frame ? placeText(frame) : NO_FRAME_LABEL,
      frame ? functionText(frame) : '',
      classesText(site),
    ];
  });
  return textTable(header, rows, [0, 1, 2, 3]);
}

function stackBlocks(result: AllocationSitesGrowth): string {
  return result.sites
    .map((site, index) => {
      const head = `#${index + 1}: ${changeText(site)}: ${classesText(site)}`;
      const frames = site.frames.length === 0 ? [`    ${NO_FRAME_LABEL}`] : site.frames.map(frameLine);
      return `${[head, ...frames].join('\n')}\n`;
    })
    .join('\n');
}

/**
 * `heapdot sites BEFORE AFTER` as CSV: one row per site (`kind` site), then one for the objects
 * without a stack (`kind` untraced); the place columns as in sitesToCsv, then counts and self sizes
 * before, after and their change, and the classes (`Leaked 0->500; Array 2->2`).
 */
export function sitesGrowthToCsv(result: AllocationSitesGrowth): string {
  const where = placeColumns(result.view);
  const header = csvRow([
    'kind',
    ...where,
    'countBefore',
    'countAfter',
    'countDelta',
    'sizeBefore',
    'sizeAfter',
    'sizeDelta',
    'classes',
  ]);
  const numbers = (totals: SiteGrowthTotals) => [
    totals.countBefore,
    totals.countAfter,
    totals.countDelta,
    totals.sizeBefore,
    totals.sizeAfter,
    totals.sizeDelta,
    totals.classes.map((each) => `${each.className} ${each.countBefore}->${each.countAfter}`).join('; '),
  ];
  const rows = result.sites.map((site) =>
    csvRow(['site', ...placeFields(result.view, site.frames), ...numbers(site)]),
  );
  const untraced = csvRow(['untraced', ...where.map(() => ''), ...numbers(result.untraced)]);
  return header + rows.join('') + untraced;
}

/** `heapdot sites BEFORE AFTER` as JSON: the AllocationSitesGrowth object as it is (documented in the README). */
export function sitesGrowthToJson(result: AllocationSitesGrowth): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

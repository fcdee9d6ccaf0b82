import { scaleLinear, scaleLog, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';
import type { TrendClass, TrendMetric, TrendModel } from '../../analysis/trendTypes.js';
import { formatBytes } from '../formatBytes.js';
import { cutText, visibleText } from '../label.js';
import { CHAR_EM, FONT_STACK, WHITE } from '../palette.js';
import { escapeXml } from './xmlText.js';

export interface TrendSvgOptions {
  /** The heading drawn above the chart (also its SVG `<title>`). @default "fastest-growing classes: …" */
  title?: string;
  /** What the y axis counts. @default the model's metric */
  metric?: TrendMetric;
  /** @default 900 */
  width?: number;
  /** @default 500 */
  height?: number;
  /**
   * A logarithmic y axis (powers of 10 for counts, of 1024 for sizes), so a class of 50 objects
   * shows next to one of 5 million; a snapshot without the class is drawn on the axis. @default false
   */
  log?: boolean;
}

export const TREND_CHART_SIZE = { width: 900, height: 500 } as const;

/** d3's category10: ten colours told apart on screen and in print; past ten, lines are dashed. */
export const TREND_PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
] as const;

const FONT_SIZE = 12;
const CHAR_WIDTH = FONT_SIZE * CHAR_EM;
const MARGIN = { top: 44, right: 16, bottom: 56, left: 76 };
const LEGEND_WIDTH = 230;
const LEGEND_ROW = 20;
const SWATCH = 22;
const AXIS_COLOR = '#404040';
const GRID_COLOR = '#e4e4e4';
const Y_TICKS = 6;

/** One decimal at most: short, and the same bytes on every machine. */
function px(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The last part of a path: charts name snapshots by file name, tooltips by the whole name. */
function fileName(name: string): string {
  const parts = name.split(/[/\\]/);
  return parts[parts.length - 1] || name;
}

/** The binary unit (B, KiB, MiB...) that `bytes` is at least one of. */
function byteUnit(bytes: number): { size: number; name: string } {
  const names = [' B', ' KiB', ' MiB', ' GiB', ' TiB'];
  let power = 0;
  while (power < names.length - 1 && bytes >= 1024 ** (power + 1)) power++;
  return { size: 1024 ** power, name: names[power] };
}

interface YAxis {
  /** Where a value is drawn. */
  y: (value: number) => number;
  ticks: number[];
  tickText: (tick: number) => string;
}

interface Plot {
  top: number;
  bottom: number;
}

/** From 0 to the highest value, with nice ticks; sizes in one binary unit, so ticks are round numbers of KiB, MiB... */
function linearAxis(values: readonly number[], metric: TrendMetric, plot: Plot): YAxis {
  const highest = Math.max(0, ...values);
  const unit = metric === 'count' ? { size: 1, name: '' } : byteUnit(highest);
  const scaled = scaleLinear()
    .domain([0, highest > 0 ? highest / unit.size : 1])
    .nice(Y_TICKS)
    .range([plot.bottom, plot.top]);
  const numberFormat = scaled.tickFormat(Y_TICKS);
  return {
    y: (value) => scaled(value / unit.size),
    ticks: scaled.ticks(Y_TICKS).map((tick) => tick * unit.size),
    tickText: (tick) => `${numberFormat(tick / unit.size)}${unit.name}`,
  };
}

/**
 * Powers of 10 (counts) or 1024 (sizes) from the one at or below the smallest positive value to
 * the one at or above the highest. Zero has no place on a log scale: it is drawn on the axis.
 */
function logAxis(values: readonly number[], metric: TrendMetric, plot: Plot): YAxis {
  const base = metric === 'count' ? 10 : 1024;
  const positive = values.filter((value) => value > 0);
  const lowest = positive.length > 0 ? Math.min(...positive) : 1;
  const highest = positive.length > 0 ? Math.max(...positive) : base;
  const low = Math.floor(Math.log(lowest) / Math.log(base) + 1e-9);
  const high = Math.max(low + 1, Math.ceil(Math.log(highest) / Math.log(base) - 1e-9));
  const scaled = scaleLog()
    .base(base)
    .domain([base ** low, base ** high])
    .range([plot.bottom, plot.top])
    .clamp(true);
  const ticks: number[] = [];
  for (let power = low; power <= high; power++) ticks.push(base ** power);
  return {
    y: (value) => (value > 0 ? scaled(value) : plot.bottom),
    ticks,
    tickText: metric === 'count' ? (tick) => String(tick) : formatBytes,
  };
}

/** Heap or file text, cut to `chars` code points, visible and XML-escaped. */
function label(text: string, chars: number): string {
  return escapeXml(visibleText(cutText(text, Math.max(1, chars))));
}

/**
 * A trend as a standalone SVG line chart, drawn by hand (no Graphviz): the model's `top` classes,
 * one `<path>` each (and a dot with a tooltip per snapshot), over x = the snapshots in order,
 * labelled by file name, and y = count (or self size) on a linear scale from 0 with nice ticks
 * and grid lines; a legend on the right names each line's class, colour and growth. Colours come
 * from TREND_PALETTE in order. All text is XML-escaped; the same model gives the same bytes.
 */
export function trendToSvg(model: TrendModel, options: TrendSvgOptions = {}): string {
  const width = options.width ?? TREND_CHART_SIZE.width;
  const height = options.height ?? TREND_CHART_SIZE.height;
  const metric = options.metric ?? model.metric;
  const valuesOf = (row: TrendClass) => (metric === 'count' ? row.counts : row.selfSizes);
  const growthOf = (row: TrendClass) => (metric === 'count' ? row.growth : row.selfSizeGrowth);
  const byName = new Map(model.classes.map((row) => [row.className, row]));
  const drawn = model.top.flatMap((name) => byName.get(name) ?? []);

  const plot = {
    left: MARGIN.left,
    right: width - LEGEND_WIDTH - MARGIN.right,
    top: MARGIN.top,
    bottom: height - MARGIN.bottom,
  };
  const x = scalePoint<number>()
    .domain(model.snapshots.map((_, index) => index))
    .range([plot.left, plot.right])
    .padding(0.3);
  const values = drawn.flatMap(valuesOf);
  const axis = options.log === true ? logAxis(values, metric, plot) : linearAxis(values, metric, plot);
  const { y, ticks, tickText } = axis;
  const valueText = metric === 'count' ? (value: number) => String(value) : formatBytes;
  const xOf = (index: number) => px(x(index) ?? plot.left);

  const title =
    options.title ??
    `fastest-growing classes by ${metric === 'count' ? 'count' : 'self size'}, ${model.snapshots.length} snapshots`;
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_STACK}" font-size="${FONT_SIZE}">`,
    `<title>${escapeXml(visibleText(title))}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="${WHITE}"/>`,
    `<text x="${plot.left}" y="${px(MARGIN.top / 2 + 4)}" font-size="${FONT_SIZE + 2}" font-weight="bold">${label(title, Math.floor((width - plot.left) / (CHAR_WIDTH * 1.2)))}</text>`,
  ];

  // The y axis: grid lines, ticks and their values, the axis title.
  parts.push('<g class="y-axis">');
  for (const tick of ticks) {
    const ty = px(y(tick));
    parts.push(
      `<line x1="${plot.left}" y1="${ty}" x2="${px(plot.right)}" y2="${ty}" stroke="${GRID_COLOR}"/>`,
      `<line x1="${plot.left - 5}" y1="${ty}" x2="${plot.left}" y2="${ty}" stroke="${AXIS_COLOR}"/>`,
      `<text x="${plot.left - 8}" y="${px(ty + 4)}" text-anchor="end">${escapeXml(tickText(tick))}</text>`,
    );
  }
  parts.push(
    `<line x1="${plot.left}" y1="${plot.top}" x2="${plot.left}" y2="${plot.bottom}" stroke="${AXIS_COLOR}"/>`,
    `<text transform="translate(16 ${px((plot.top + plot.bottom) / 2)}) rotate(-90)" text-anchor="middle">${metric === 'count' ? 'objects' : 'self size'}${options.log === true ? ' (log scale)' : ''}</text>`,
    '</g>',
  );

  // The x axis: one tick per snapshot, labelled with its file name (cut to the room between ticks).
  const room = Math.floor((model.snapshots.length > 1 ? x.step() : plot.right - plot.left) / CHAR_WIDTH) - 1;
  parts.push('<g class="x-axis">');
  parts.push(
    `<line x1="${plot.left}" y1="${plot.bottom}" x2="${px(plot.right)}" y2="${plot.bottom}" stroke="${AXIS_COLOR}"/>`,
  );
  model.snapshots.forEach((name, index) => {
    const tx = xOf(index);
    parts.push(
      `<line x1="${tx}" y1="${plot.bottom}" x2="${tx}" y2="${plot.bottom + 5}" stroke="${AXIS_COLOR}"/>`,
      `<g><title>${escapeXml(visibleText(name))}</title><text x="${tx}" y="${plot.bottom + 20}" text-anchor="middle">${label(fileName(name), room)}</text></g>`,
    );
  });
  parts.push(
    `<text x="${px((plot.left + plot.right) / 2)}" y="${height - 12}" text-anchor="middle">snapshots, in order</text>`,
    '</g>',
  );

  // The lines, then a dot per snapshot with its value as a tooltip.
  const path = line<number>()
    .x((_, index) => xOf(index))
    .y((value) => px(y(value)))
    .digits(1);
  parts.push('<g class="lines" fill="none" stroke-width="2">');
  drawn.forEach((row, rank) => {
    const color = TREND_PALETTE[rank % TREND_PALETTE.length];
    const dash = rank >= TREND_PALETTE.length ? ' stroke-dasharray="6,3"' : '';
    parts.push(
      `<path data-class="${escapeXml(row.className)}" d="${path(valuesOf(row)) ?? ''}" stroke="${color}"${dash}/>`,
    );
    valuesOf(row).forEach((value, index) => {
      const tip = `${row.className} in ${fileName(model.snapshots[index])}: ${valueText(value)}`;
      parts.push(
        `<circle cx="${xOf(index)}" cy="${px(y(value))}" r="3" fill="${color}"><title>${escapeXml(visibleText(tip))}</title></circle>`,
      );
    });
  });
  parts.push('</g>');
  if (drawn.length === 0) {
    parts.push(
      `<text x="${px((plot.left + plot.right) / 2)}" y="${px((plot.top + plot.bottom) / 2)}" text-anchor="middle" fill="${AXIS_COLOR}">no class grew</text>`,
    );
  }

  // The legend: a swatch, the class name and its growth per line; what does not fit is counted.
  const legendX = width - LEGEND_WIDTH;
  const rows = Math.max(1, Math.floor((plot.bottom - plot.top) / LEGEND_ROW));
  const listed = drawn.length > rows ? rows - 1 : drawn.length;
  const chars = Math.floor((LEGEND_WIDTH - SWATCH - 14) / CHAR_WIDTH);
  parts.push('<g class="legend">');
  drawn.slice(0, listed).forEach((row, rank) => {
    const ly = plot.top + rank * LEGEND_ROW + 8;
    const color = TREND_PALETTE[rank % TREND_PALETTE.length];
    const dash = rank >= TREND_PALETTE.length ? ' stroke-dasharray="6,3"' : '';
    const growth = ` +${valueText(growthOf(row))}`;
    const entry = `${cutText(row.className, Math.max(1, chars - growth.length))}${growth}`;
    parts.push(
      `<line x1="${legendX}" y1="${ly}" x2="${legendX + SWATCH}" y2="${ly}" stroke="${color}" stroke-width="2"${dash}/>`,
      `<g><title>${escapeXml(visibleText(row.className))}</title><text x="${legendX + SWATCH + 6}" y="${ly + 4}">${escapeXml(visibleText(entry))}</text></g>`,
    );
  });
  if (listed < drawn.length) {
    const ly = plot.top + listed * LEGEND_ROW + 8;
    parts.push(`<text x="${legendX}" y="${ly + 4}">… ${drawn.length - listed} more</text>`);
  }
  parts.push('</g>', '</svg>');
  return `${parts.join('\n')}\n`;
}

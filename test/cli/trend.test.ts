import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TrendModel } from '../../src/index.js';
import { heapdot } from '../helpers/cli.js';
import { svgElements } from '../helpers/svgElements.js';
import { type ThreeSnapshots, threeSnapshots } from '../helpers/threeSnapshots.js';
import { svgTexts } from '../render/svgText.js';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The rows of a CSV whose fields hold no line breaks (the fixture's class names hold none). */
function csvLines(csv: string): string[] {
  assert.ok(csv.endsWith('\n'));
  return csv.slice(0, -1).split('\n');
}

describe('heapdot trend', () => {
  let snapshots: ThreeSnapshots;
  let all: string[];
  let folder: string;
  before(() => {
    snapshots = threeSnapshots();
    all = [snapshots.baseline, snapshots.target, snapshots.final];
    folder = mkdtempSync(join(tmpdir(), 'heapdot-trend-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('trend.csv has one row per class and one column per snapshot: Leaky 0, 500, 1500', async () => {
    const csv = join(folder, 'trend.csv');
    const run = await heapdot(['trend', ...all, '-o', csv]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    const lines = csvLines(readFileSync(csv, 'utf8'));
    assert.equal(lines[0], `class,${all.join(',')}`);
    assert.ok(lines.includes('Leaky,0,500,1500'), 'the leaked class grows by 500, then 1,000');
    // One Transient is held all along; the 300 made and dropped between snapshots left nothing.
    assert.ok(lines.includes('Transient,1,1,1'), 'the dropped class does not grow');
    // The first field, quoted when it holds a comma (an interface name such as `{id, name}`).
    const names = lines.slice(1).map((line) => /^("(?:[^"]|"")*"|[^,]*)/.exec(line)![1]);
    assert.equal(new Set(names).size, names.length, 'one row per class');
    for (const line of lines)
      assert.equal(line.replace(/^"(?:[^"]|"")*"/, 'class').split(',').length, 4, line);
  });

  it('--format csv --metric self prints self sizes to standard output', async () => {
    const run = await heapdot(['trend', ...all, '--format', 'csv', '--metric', 'self']);
    assert.equal(run.code, 0, run.stderr);
    const leaky = csvLines(run.stdout).find((line) => line.startsWith('Leaky,'));
    const [, first, second, third] = (leaky ?? '').split(',').map(Number);
    assert.equal(first, 0);
    assert.ok(second > 0 && third === 3 * second, `Leaky's self size triples: ${leaky}`);
  });

  it('--format json is the model: snapshots, metric, classes with a value per snapshot, top', async () => {
    const run = await heapdot(['trend', ...all, '--format', 'json', '--top', '3']);
    assert.equal(run.code, 0, run.stderr);
    const model = JSON.parse(run.stdout) as TrendModel;
    assert.deepEqual(Object.keys(model).sort(), ['classes', 'metric', 'snapshots', 'top']);
    assert.deepEqual(model.snapshots, all);
    assert.equal(model.metric, 'count');
    assert.equal(model.top.length, 3);
    assert.equal(model.top[0], 'Leaky');
    const leaky = model.classes.find((row) => row.className === 'Leaky');
    assert.ok(leaky);
    assert.deepEqual(leaky.counts, [0, 500, 1500]);
    assert.equal(leaky.growth, 1500);
    assert.equal(leaky.selfSizes.length, 3);
    assert.equal(leaky.selfSizeGrowth, leaky.selfSizes[2]);
    const growths = model.classes.map((row) => row.growth);
    assert.deepEqual(
      growths,
      [...growths].sort((a, b) => b - a),
      'sorted by growth, largest first',
    );
    const transient = model.classes.find((row) => row.className === 'Transient');
    assert.deepEqual(transient?.counts, [1, 1, 1]);
    assert.ok(!model.top.includes('Transient'));
  });

  it('the text table lists Leaky first, with its counts and growth', async () => {
    const run = await heapdot(['trend', ...all]);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.split('\n');
    const header = lines.findIndex((line) => line.startsWith('class '));
    assert.ok(header > 0, run.stdout);
    assert.match(lines[header], /^class\s+1\s+2\s+3\s+growth$/);
    assert.match(lines[header + 1], /^Leaky\s+0\s+500\s+1500\s+\+1500$/);
    for (const [index, path] of all.entries()) assert.ok(lines.includes(`  ${index + 1}  ${path}`));
    assert.match(run.stdout, /… \d+ more classes\n$/, '--limit 20 by default');
  });

  it('trend.svg is a line chart: one path per top class, a legend naming Leaky; trend.png is a PNG', async () => {
    const svgPath = join(folder, 'trend.svg');
    const pngPath = join(folder, 'trend.png');
    const jsonPath = join(folder, 'trend.json');
    const run = await heapdot(['trend', ...all, '-o', svgPath, '-o', pngPath, '-o', jsonPath, '--top', '4']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /wrote .*trend\.svg\n/);
    const svg = readFileSync(svgPath, 'utf8');
    const elements = svgElements(svg);
    const root = elements[0].attributes;
    assert.equal(root.width, '900');
    assert.equal(root.height, '500');
    const model = JSON.parse(readFileSync(jsonPath, 'utf8')) as TrendModel;
    assert.equal(model.top.length, 4);
    const paths = elements.filter((element) => element.name === 'path');
    assert.deepEqual(
      paths.map((path) => path.attributes['data-class']),
      model.top,
    );
    assert.equal(svg.split('<path').length - 1, model.top.length);
    const legend = svgTexts(svg.slice(svg.indexOf('<g class="legend">')));
    assert.equal(legend.length, 4);
    assert.ok(
      legend.some((text) => text.startsWith('Leaky ')),
      legend.join(' | '),
    );
    const texts = svgTexts(svg);
    for (const name of ['baseline.heapsnapshot', 'target.heapsnapshot', 'final.heapsnapshot'])
      assert.ok(texts.includes(name), `x axis names ${name}`);
    const yAxis = svg.slice(svg.indexOf('<g class="y-axis">'), svg.indexOf('<g class="x-axis">'));
    const ticks = svgTexts(yAxis)
      .filter((text) => text !== 'objects')
      .map((text) => Number(text.replaceAll(',', '')));
    assert.equal(ticks[0], 0, 'the y axis starts at 0');
    assert.deepEqual(
      ticks,
      [...ticks].sort((a, b) => a - b),
    );
    const highest = Math.max(
      ...model.classes.filter((row) => model.top.includes(row.className)).flatMap((row) => row.counts),
    );
    assert.ok(ticks.at(-1)! >= highest, `the y axis reaches ${highest}: ${ticks.join(' ')}`);
    const png = readFileSync(pngPath);
    assert.deepEqual([...png.subarray(0, 8)], PNG_MAGIC);
    assert.equal(png.readUInt32BE(16), 900);
    assert.equal(png.readUInt32BE(20), 500);
  });

  it('--class keeps only the named classes (exact names and /regex/), in every form', async () => {
    const args = ['trend', ...all, '--class', 'Transient', '--class', '/^Lea/'];
    const csv = csvLines((await heapdot([...args, '--format', 'csv'])).stdout);
    assert.deepEqual(csv.slice(1), ['Leaky,0,500,1500', 'Transient,1,1,1']);
    const text = (await heapdot([...args, '--format', 'text'])).stdout;
    const rows = text.split('\n').filter((line) => /^(Leaky|Transient|Object|Array) /.test(line));
    assert.deepEqual(
      rows.map((line) => line.split(/\s+/)[0]),
      ['Leaky', 'Transient'],
    );
    const model: TrendModel = JSON.parse((await heapdot([...args, '--format', 'json'])).stdout);
    assert.deepEqual(
      model.classes.map((row) => row.className),
      ['Leaky', 'Transient'],
    );
    // Classes asked for are drawn even when they did not grow.
    assert.deepEqual(model.top, ['Leaky', 'Transient']);
    const svg = (await heapdot([...args, '--format', 'svg'])).stdout;
    const paths = svgElements(svg).filter((element) => element.name === 'path');
    assert.deepEqual(
      paths.map((path) => path.attributes['data-class']),
      ['Leaky', 'Transient'],
    );
    // A class name is exact: `Leak` names no class.
    const none = await heapdot(['trend', ...all, '--class', 'Leak']);
    assert.equal(none.code, 1);
    assert.equal(none.stderr, 'heapdot: no class in the snapshots matches Leak\n');
  });

  it('--log draws the chart on a log scale: powers of ten, a tenfold step the same height everywhere', async () => {
    const args = ['trend', ...all, '--class', 'Leaky', '--class', 'Transient', '--format', 'svg'];
    const svg = (await heapdot([...args, '--log'])).stdout;
    svgElements(svg); // well-formed
    // The y axis' tick labels (right-aligned left of the plot) and where each sits.
    const ticks = [...svg.matchAll(/<text x="[\d.]+" y="([\d.]+)" text-anchor="end">([^<]*)<\/text>/g)];
    assert.deepEqual(
      ticks.map((tick) => tick[2]),
      ['1', '10', '100', '1000', '10000'],
    );
    assert.ok(svgTexts(svg).includes('objects (log scale)'));
    const tickY = (label: string) => Number(ticks.find((tick) => tick[2] === label)?.[1]) - 4;
    const [one, ten, hundred, thousand] = ['1', '10', '100', '1000'].map(tickY);
    assert.ok(Math.abs(one - ten - (ten - hundred)) < 0.2, `${one} ${ten} ${hundred}`);
    // Each dot's tooltip names its class and value: Transient's 1 sits on the 1 tick, Leaky's
    // 1500 between 1000 and 10000, and Leaky's 0 (baseline) on the axis, at the bottom.
    const dots = [...svg.matchAll(/<circle cx="[\d.]+" cy="([\d.]+)"[^>]*><title>([^<]*)<\/title>/g)];
    const dotY = (tip: RegExp) => Number(dots.find((dot) => tip.test(dot[2]))?.[1]);
    assert.ok(Math.abs(dotY(/^Transient in final\S*: 1$/) - one) < 0.1);
    assert.ok(dotY(/^Leaky in final\S*: 1500$/) < thousand);
    assert.ok(dotY(/^Leaky in baseline\S*: 0$/) >= one);
    const linear = (await heapdot(args)).stdout;
    assert.ok(!svgTexts(linear).includes('objects (log scale)'));
    assert.notEqual(linear, svg);
  });

  it('is deterministic: the same snapshots give the same SVG, byte for byte', async () => {
    const first = await heapdot(['trend', ...all, '--format', 'svg']);
    const second = await heapdot(['trend', ...all, '--format', 'svg']);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, second.stdout);
  });

  it('fewer than two snapshots is bad usage: exit 2 and one line that says so', async () => {
    const one = await heapdot(['trend', snapshots.baseline]);
    assert.equal(one.code, 2);
    assert.equal(one.stdout, '');
    assert.equal(one.stderr, 'heapdot: trend needs two or more snapshots, oldest first; got 1\n');
    const none = await heapdot(['trend']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /missing required argument 'snapshots'/);
  });

  it('refuses bad outputs before reading anything', async () => {
    const markdown = await heapdot(['trend', ...all, '-o', join(folder, 'trend.md')]);
    assert.equal(markdown.code, 2);
    assert.match(markdown.stderr, /does not write markdown; it writes text, json, csv, svg/);
    const clash = await heapdot(['trend', ...all, '-o', join(folder, 'x.csv'), '--format', 'json']);
    assert.equal(clash.code, 2);
    assert.match(clash.stderr, /--format json does not fit .*x\.csv, whose extension means csv/);
    const input = await heapdot(['trend', ...all, '-o', snapshots.final, '--format', 'csv']);
    assert.equal(input.code, 2);
    assert.match(input.stderr, /refusing to write .*final\.heapsnapshot: it is the input/);
    const metric = await heapdot(['trend', ...all, '--metric', 'retained']);
    assert.equal(metric.code, 2);
    assert.match(metric.stderr, /use count or self/);
  });
});

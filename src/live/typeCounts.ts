import { byCount, classStats } from '../analysis/classStats.js';
import { byClassName } from '../analysis/compare.js';
import { hasId } from '../analysis/idSets.js';
import { type DiffSide, diffSide } from '../analysis/snapshotDiff.js';
import { snapshotThisProcess } from './inspectorSession.js';

export interface TypeCountOptions {
  /** How many classes to list. @default 10 */
  limit?: number;
  /** Where show* functions print. @default process.stdout */
  file?: { write(text: string): unknown };
}

export interface GrowthRow {
  className: string;
  /** Live objects of the class now. */
  count: number;
  /** How far `count` is above the class's previous peak (objgraph's growth). */
  delta: number;
}

export interface NewIdsOptions {
  /** Report, but keep the previous call's ids as the baseline for the next call. @default false */
  skipUpdate?: boolean;
}

/** objgraph keeps these between calls in the module; so does heapdot/live. */
const peaks = new Map<string, number>();
let previousIds: DiffSide | undefined;

/** The most common classes of live objects (DevTools' class names), most instances first. */
export async function mostCommonTypes(
  options: TypeCountOptions = {},
): Promise<[className: string, count: number][]> {
  const stats = classStats(await snapshotThisProcess()).sort(byCount);
  return stats.slice(0, options.limit ?? 10).map((stat) => [stat.className, stat.count]);
}

/** Prints mostCommonTypes() as objgraph's show_most_common_types does, and returns it. */
export async function showMostCommonTypes(
  options: TypeCountOptions = {},
): Promise<[className: string, count: number][]> {
  const rows = await mostCommonTypes(options);
  const width = Math.max(0, ...rows.map(([name]) => name.length));
  (options.file ?? process.stdout).write(
    rows.map(([name, count]) => `${name.padEnd(width)} ${count}\n`).join(''),
  );
  return rows;
}

/**
 * The classes whose live count is above its peak of the earlier calls, by how much (objgraph's
 * growth: the first call compares with nothing, so everything has grown). Updates the peaks.
 */
export async function growth(options: TypeCountOptions = {}): Promise<GrowthRow[]> {
  const stats = classStats(await snapshotThisProcess());
  const rows: GrowthRow[] = [];
  for (const { className, count } of stats) {
    const peak = peaks.get(className) ?? 0;
    if (count <= peak) continue;
    rows.push({ className, count, delta: count - peak });
    peaks.set(className, count);
  }
  rows.sort((a, b) => b.delta - a.delta || byClassName(a, b));
  return rows.slice(0, options.limit ?? 10);
}

/** Prints growth() as objgraph's show_growth does (class, count, +delta), and returns it. */
export async function showGrowth(options: TypeCountOptions = {}): Promise<GrowthRow[]> {
  const rows = await growth(options);
  const width = Math.max(0, ...rows.map((row) => row.className.length));
  const text = rows
    .map(
      (row) =>
        `${row.className.padEnd(width)} ${String(row.count).padStart(9)} ${`+${row.delta}`.padStart(9)}\n`,
    )
    .join('');
  (options.file ?? process.stdout).write(text);
  return rows;
}

/**
 * The ids of the objects that are alive now and were not at the previous call, by class
 * (objgraph's get_new_ids); on the first call, every live object. Ids are the `@id`s heapdot's
 * commands take, so `heapdot chain FILE @id` can follow one in a snapshot taken later.
 */
export async function getNewIds(options: NewIdsOptions = {}): Promise<Map<string, number[]>> {
  const side = diffSide(await snapshotThisProcess());
  const before = previousIds;
  const byClass = new Map<string, number[]>();
  for (let i = 0; i < side.ids.length; i++) {
    const id = side.ids[i];
    if (before && hasId(before.ids, id)) continue;
    const className = side.classNames[side.classOfId[i]];
    let ids = byClass.get(className);
    if (!ids) {
      ids = [];
      byClass.set(className, ids);
    }
    ids.push(id);
  }
  if (!options.skipUpdate) previousIds = side;
  return byClass;
}

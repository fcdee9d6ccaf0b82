import type { HeapGraph } from '../snapshot/heapGraph.js';
import { classKeys, classStats } from './classStats.js';
import type { Dominators, DominatorTree } from './dominatorTypes.js';
import { hasId } from './idSets.js';

/** One class in a comparison of two snapshots (DevTools' Comparison view, exportable). */
export interface ClassDiff {
  className: string;
  countBefore: number;
  countAfter: number;
  countDelta: number;
  sizeBefore: number;
  sizeAfter: number;
  sizeDelta: number;
  /** DevTools' class retained sizes, when both sides were given dominators (diffSide's `sizes`). */
  retainedBefore?: number;
  retainedAfter?: number;
  retainedDelta?: number;
  /** Objects whose id is in after and not in before (undefined when ids cannot be compared). */
  newObjects?: number;
  /** Objects whose id is in before and not in after. */
  freedObjects?: number;
}

export interface SnapshotDiff {
  before: string;
  after: string;
  /** False when the snapshots share almost no ids (different processes): counts only. */
  idsComparable: boolean;
  /** Of the smaller snapshot's ids, the share the other one also has. */
  sharedIdRatio: number;
  classes: ClassDiff[];
}

/** What a diff keeps of the first snapshot once its graph is let go. */
export interface DiffSide {
  name: string;
  ids: Uint32Array;
  /** Per entry of `ids` (same order): index into `classNames`. */
  classOfId: Uint32Array;
  classNames: string[];
  count: Float64Array;
  size: Float64Array;
  /** Per class: DevTools' class retained size, when diffSide was given dominators. */
  retained?: Float64Array;
}

/** Below this share of common ids, two snapshots come from different processes. */
const COMPARABLE_RATIO = 0.05;
/** Below this share of common ids naming objects of the same class, too. */
const SAME_CLASS_RATIO = 0.99;

/** How many ids two sides share, and of those how many name an object of the same class in both. */
function sharedIdsAndClasses(a: DiffSide, b: DiffSide): { shared: number; sameClass: number } {
  let shared = 0;
  let sameClass = 0;
  for (let i = 0, j = 0; i < a.ids.length && j < b.ids.length; ) {
    if (a.ids[i] === b.ids[j]) {
      shared++;
      if (a.classNames[a.classOfId[i]] === b.classNames[b.classOfId[j]]) sameClass++;
      i++;
      j++;
    } else if (a.ids[i] < b.ids[j]) i++;
    else j++;
  }
  return { shared, sameClass };
}

/** A snapshot of a diff, reduced to ids and per-class totals (and retained sizes, given `sizes`). */
export function diffSide(
  graph: HeapGraph,
  sizes?: { dominators: Dominators; tree: DominatorTree },
): DiffSide {
  const { key, keyCount, classNameOfKey } = classKeys(graph);
  const classIndexOfKey = new Int32Array(keyCount).fill(-1);
  const classNames: string[] = [];
  const byName = new Map<string, number>();
  const nodeClass = new Uint32Array(graph.nodeCount);
  for (let node = 0; node < graph.nodeCount; node++) {
    const k = key[node];
    if (classIndexOfKey[k] === -1) {
      const name = classNameOfKey(k);
      let index = byName.get(name);
      if (index === undefined) {
        index = classNames.length;
        classNames.push(name);
        byName.set(name, index);
      }
      classIndexOfKey[k] = index;
    }
    nodeClass[node] = classIndexOfKey[k];
  }
  const count = new Float64Array(classNames.length);
  const size = new Float64Array(classNames.length);
  for (let node = 0; node < graph.nodeCount; node++) {
    count[nodeClass[node]]++;
    size[nodeClass[node]] += graph.nodeSelfSize[node];
  }
  // Ids sorted, with each id's class carried along (sort ordinals by id).
  const order = new Uint32Array(graph.nodeCount);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const ids = graph.nodeId;
  order.sort((a, b) => ids[a] - ids[b]);
  const side: DiffSide = {
    name: graph.file,
    ids: order.map((node) => ids[node]),
    classOfId: order.map((node) => nodeClass[node]),
    classNames,
    count,
    size,
  };
  if (sizes) {
    // Per class, not per node: classStats sums them as DevTools' Summary does.
    const retained = new Float64Array(classNames.length);
    for (const stat of classStats(graph, sizes))
      retained[byName.get(stat.className)!] = stat.retainedSize ?? 0;
    side.retained = retained;
  }
  return side;
}

/** Per class: counts and sizes before and after, new and freed objects; sorted by growth. */
export function diffSnapshots(before: DiffSide, afterSide: DiffSide): SnapshotDiff {
  const { shared, sameClass } = sharedIdsAndClasses(before, afterSide);
  const sharedIdRatio = shared / Math.max(1, Math.min(before.ids.length, afterSide.ids.length));
  // Within one process an id always names the same object; two processes of one Node binary share
  // the ids of its start-up objects, but the rest name objects of other classes.
  const idsComparable = sharedIdRatio >= COMPARABLE_RATIO && sameClass >= SAME_CLASS_RATIO * shared;
  const rows = new Map<string, ClassDiff>();
  const row = (className: string) => {
    let entry = rows.get(className);
    if (!entry) {
      entry = {
        className,
        countBefore: 0,
        countAfter: 0,
        countDelta: 0,
        sizeBefore: 0,
        sizeAfter: 0,
        sizeDelta: 0,
      };
      if (idsComparable) {
        entry.newObjects = 0;
        entry.freedObjects = 0;
      }
      rows.set(className, entry);
    }
    return entry;
  };
  const retained = before.retained !== undefined && afterSide.retained !== undefined;
  before.classNames.forEach((name, index) => {
    const entry = row(name);
    entry.countBefore += before.count[index];
    entry.sizeBefore += before.size[index];
    if (retained) entry.retainedBefore = before.retained![index];
  });
  afterSide.classNames.forEach((name, index) => {
    const entry = row(name);
    entry.countAfter += afterSide.count[index];
    entry.sizeAfter += afterSide.size[index];
    if (retained) entry.retainedAfter = afterSide.retained![index];
  });
  if (idsComparable) {
    for (let i = 0; i < afterSide.ids.length; i++) {
      if (!hasId(before.ids, afterSide.ids[i]))
        row(afterSide.classNames[afterSide.classOfId[i]]).newObjects! += 1;
    }
    for (let i = 0; i < before.ids.length; i++) {
      if (!hasId(afterSide.ids, before.ids[i]))
        row(before.classNames[before.classOfId[i]]).freedObjects! += 1;
    }
  }
  const classes = [...rows.values()];
  for (const entry of classes) {
    entry.countDelta = entry.countAfter - entry.countBefore;
    entry.sizeDelta = entry.sizeAfter - entry.sizeBefore;
    if (retained) {
      entry.retainedBefore ??= 0;
      entry.retainedAfter ??= 0;
      entry.retainedDelta = entry.retainedAfter - entry.retainedBefore;
    }
  }
  classes.sort(
    (a, b) =>
      b.countDelta - a.countDelta ||
      b.sizeDelta - a.sizeDelta ||
      (a.className < b.className ? -1 : a.className > b.className ? 1 : 0),
  );
  return { before: before.name, after: afterSide.name, idsComparable, sharedIdRatio, classes };
}

/** The ids of the objects of a class that are in `after` and not in `before`, ascending. */
export function newObjectIds(before: DiffSide, side: DiffSide, className: string): number[] {
  const wanted = side.classNames.indexOf(className);
  const out: number[] = [];
  if (wanted === -1) return out;
  for (let i = 0; i < side.ids.length; i++) {
    if (side.classOfId[i] === wanted && !hasId(before.ids, side.ids[i])) out.push(side.ids[i]);
  }
  return out;
}

import type { HeapGraph } from '../snapshot/heapGraph.js';
import type { InterfaceDefinition } from '../snapshot/interfaceNames.js';
import { sortedOrder } from '../snapshot/sortedSearch.js';
import { classKeys, classStats } from './classStats.js';
import { byClassName } from './compare.js';
import type { Dominators, DominatorTree } from './dominatorTypes.js';
import { checkIds, type IdCheck, type IdClasses } from './idCheck.js';
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
  /** False when an id in both snapshots need not name one object (checkIds): counts only. */
  idsComparable: boolean;
  /** Of the smaller snapshot's ids, the share the other one also has. */
  sharedIdRatio: number;
  /** What checkIds measured. */
  idCheck: IdCheck;
  classes: ClassDiff[];
}

/** What a diff keeps of the first snapshot once its graph is let go. */
export interface DiffSide extends IdClasses {
  name: string;
  count: Float64Array;
  size: Float64Array;
  /** The interfaces plain objects were named after: give them to the other side's diffSide. */
  interfaces: InterfaceDefinition[];
  /** Per class: DevTools' class retained size, when diffSide was given dominators. */
  retained?: Float64Array;
}

/** What diffSide may be given besides the graph. */
export interface DiffSideOptions {
  /**
   * Name plain objects after these interfaces (the other snapshot's, as DevTools' Comparison view
   * names both sides after the snapshot being viewed) instead of the graph's own.
   */
  interfaces?: InterfaceDefinition[];
  /** Add DevTools' class retained sizes. */
  sizes?: { dominators: Dominators; tree: DominatorTree };
}

/** A snapshot of a diff, reduced to ids and per-class totals (and retained sizes, given `sizes`). */
export function diffSide(graph: HeapGraph, options: DiffSideOptions = {}): DiffSide {
  const { interfaces, sizes } = options;
  if (interfaces) graph.useInterfaceDefinitions(interfaces);
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
  const selfSize = graph.shallowSizes();
  for (let node = 0; node < graph.nodeCount; node++) {
    count[nodeClass[node]]++;
    size[nodeClass[node]] += selfSize[node];
  }
  // Ids sorted, with each id's class carried along (sort ordinals by id).
  const ids = graph.nodeId;
  const order = sortedOrder(ids);
  const side: DiffSide = {
    name: graph.file,
    ids: order.map((node) => ids[node]),
    classOfId: order.map((node) => nodeClass[node]),
    classNames,
    count,
    size,
    interfaces: graph.interfaceNames().definitions,
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

/** A class's row before anything is counted: new and freed objects only where ids compare. */
export function emptyClassDiff(className: string, idsComparable: boolean): ClassDiff {
  const row: ClassDiff = {
    className,
    countBefore: 0,
    countAfter: 0,
    countDelta: 0,
    sizeBefore: 0,
    sizeAfter: 0,
    sizeDelta: 0,
  };
  if (idsComparable) {
    row.newObjects = 0;
    row.freedObjects = 0;
  }
  return row;
}

/** Per class: counts and sizes before and after, new and freed objects; sorted by growth. */
export function diffSnapshots(before: DiffSide, afterSide: DiffSide): SnapshotDiff {
  const idCheck = checkIds(before, afterSide);
  const idsComparable = idCheck.comparable;
  const rows = new Map<string, ClassDiff>();
  const row = (className: string) => {
    let entry = rows.get(className);
    if (!entry) {
      entry = emptyClassDiff(className, idsComparable);
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
  classes.sort((a, b) => b.countDelta - a.countDelta || b.sizeDelta - a.sizeDelta || byClassName(a, b));
  return {
    before: before.name,
    after: afterSide.name,
    idsComparable,
    sharedIdRatio: idCheck.sharedIdRatio,
    idCheck,
    classes,
  };
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

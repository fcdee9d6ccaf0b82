/**
 * Whether two snapshots number their objects alike, so that an id in both names one object.
 *
 * V8 gives an object its id the first time a snapshot (or the allocation tracker) meets it, and
 * keeps it while the isolate's HeapProfiler keeps its id map. That map is cleared whenever an
 * inspector session ends (V8HeapProfilerAgentImpl::disable calls ClearObjectIds, and a session's
 * end disables its agents), so two snapshots taken through two sessions (two `capture --pid` runs)
 * number the same objects anew, and two processes number theirs each from scratch. Either way
 * the ids mostly overlap (they are small numbers given in heap order) but name other objects: so
 * heapdot measures both how many ids the snapshots share and, of those, how many name an object
 * of the same class in both.
 */

/** A snapshot reduced to its ids (ascending) and the class of each, as diffSide makes it. */
export interface IdClasses {
  ids: Uint32Array;
  /** Per entry of `ids`: index into `classNames`. */
  classOfId: Uint32Array;
  classNames: string[];
}

export interface IdCheck {
  /** True when an id found in both snapshots names one object: new and freed objects mean something. */
  comparable: boolean;
  /** What failed: too few ids in common, or common ids that name objects of other classes. */
  problem?: 'few-shared' | 'classes-differ';
  /** Ids both snapshots have. */
  sharedIds: number;
  /** Of the smaller snapshot's ids, the share the other one also has. */
  sharedIdRatio: number;
  /** Of the shared ids, the share that names an object of the same class in both (1 when none are shared). */
  sameClassRatio: number;
}

/** Below this share of common ids, two snapshots do not number objects alike. */
export const MIN_SHARED_RATIO = 0.05;
/**
 * Below this share of common ids naming objects of the same class, neither. Within one numbering
 * it is 100% in the tests' snapshots; a renumbered pair of one process measured about 60% under
 * Node 20 and 24. Not 99%: a plain object that gains a property can change its interface name
 * (`{id}` to `{id, name}`), so a long-running process's own pairs can fall short of 100%.
 */
export const MIN_SAME_CLASS_RATIO = 0.9;

/** Compares the numbering of two snapshots (linear: both id lists are sorted). */
export function checkIds(a: IdClasses, b: IdClasses): IdCheck {
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
  const sharedIdRatio = shared / Math.max(1, Math.min(a.ids.length, b.ids.length));
  const sameClassRatio = shared === 0 ? 1 : sameClass / shared;
  const problem =
    sharedIdRatio < MIN_SHARED_RATIO
      ? 'few-shared'
      : sameClassRatio < MIN_SAME_CLASS_RATIO
        ? 'classes-differ'
        : undefined;
  return {
    comparable: problem === undefined,
    ...(problem ? { problem } : {}),
    sharedIds: shared,
    sharedIdRatio,
    sameClassRatio,
  };
}

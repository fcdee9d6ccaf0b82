/**
 * What `heapdot suspects` finds (issue 19): the first threads to pull in a heap, as ordinals of the
 * last snapshot and numbers. The view adds chains and words.
 */

/** The kinds of suspect, in the order the report lists them (most direct evidence first). */
export const SUSPECT_KINDS = ['growing', 'listeners', 'holders', 'strings', 'globals'] as const;
export type SuspectKind = (typeof SUSPECT_KINDS)[number];

/** What a collection's entries are, when its entry count is what grows. */
export type CollectionKind = 'Map' | 'Set' | 'Array' | 'object' | 'timers';

/** An object whose retained size, or a collection whose entry count, grew in every step. */
export interface GrowingSuspect {
  kind: 'growing';
  node: number;
  /** DevTools' retained size in each snapshot, oldest first. */
  retained: number[];
  /** Entries in each snapshot, when it is a collection whose entry count grew in every step. */
  entries?: number[];
  collection?: CollectionKind;
}

/** One event of one emitter with many listeners made from the same function source. */
export interface ListenersSuspect {
  kind: 'listeners';
  /** The emitter (the object whose `_events` holds the event). */
  node: number;
  event: string;
  count: number;
  /** One of the listeners (a closure). */
  listener: number;
  /** The retained size of what holds the event's listeners (the array, or the one function). */
  retainedSize: number;
}

/** A dominator keeping at least `share` of the heap, and where its size spreads out. */
export interface HolderSuspect {
  kind: 'holders';
  node: number;
  /** Retained size over the heap's (the root's retained size). */
  share: number;
  /** MAT's accumulation point: down the dominator tree while one child keeps most of the size. */
  accumulation: number;
}

/** One text stored as several string objects. */
export interface StringsSuspect {
  kind: 'strings';
  /** One of the copies (the nearest by ordinal: the first in the snapshot). */
  node: number;
  copies: number;
  /** DevTools' shallow size of one copy. */
  stringSize: number;
  /** What all copies but one cost. */
  wastedSize: number;
  /** Every copy, in ordinal order. */
  nodes: number[];
}

/** A `globalThis` property a plain Node process or blank page does not have. */
export interface GlobalSuspect {
  kind: 'globals';
  node: number;
  name: string;
}

export type Suspect = GrowingSuspect | ListenersSuspect | HolderSuspect | StringsSuspect | GlobalSuspect;

/** The thresholds of each kind, and which kinds to look for. */
export interface SuspectsOptions {
  /** The kinds to look for. @default every kind */
  only?: readonly SuspectKind[];
  /** Growing objects: least growth of retained size from first to last snapshot, in bytes. @default 1024 */
  minGrowth?: number;
  /** Growing collections: least growth of entries from first to last snapshot. @default 10 */
  minEntries?: number;
  /** Listeners: more than this many listeners of one source on one event (Node's maxListeners). @default 10 */
  maxListeners?: number;
  /** Big holders: least share of the heap, in percent. @default 10 */
  share?: number;
  /** Duplicated strings: least number of copies. @default 10 */
  minCopies?: number;
  /** Program globals: least retained size, in bytes. @default 0 */
  minGlobalSize?: number;
}

export const SUSPECTS_DEFAULTS: Readonly<Required<Omit<SuspectsOptions, 'only'>>> = {
  minGrowth: 1024,
  minEntries: 10,
  maxListeners: 10,
  share: 10,
  minCopies: 10,
  minGlobalSize: 0,
};

/** Everything found, ranked: by kind (SUSPECT_KINDS' order), then by bytes within a kind. */
export interface SuspectsModel {
  /** Snapshots in the series (1: no growth can be seen). */
  steps: number;
  /** The last snapshot's heap size: the root's retained size. */
  totalSize: number;
  kinds: SuspectKind[];
  suspects: Suspect[];
}

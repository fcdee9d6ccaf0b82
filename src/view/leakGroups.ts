import { byClassName, compareText } from '../analysis/compare.js';
import type { Dominators, DominatorTree } from '../analysis/dominatorTypes.js';
import { groupRetainedSizes } from '../analysis/groupRetainedSizes.js';
import { isV8InternalClass } from '../analysis/internalClasses.js';
import type { HeapGraph } from '../snapshot/heapGraph.js';
import type { UserChain, UserStep } from './types.js';
import { type UserView, userChain } from './userChain.js';

/** Leaked objects that share a user-level path (indexes and keys merged) and a class. */
export interface LeakGroup {
  /** The access path with every `[i]` as `[*]` and every key as `*`: `globalThis.leaked[*]`. */
  accessPath: string;
  className: string;
  count: number;
  selfSize: number;
  /** DevTools' class retained size with the group as the class: no byte counted twice. */
  retainedSize: number;
  /** The group's objects, in ordinal order. */
  nodes: number[];
}

export interface LeakGroupsOptions {
  /** Group objects of V8's own classes too (isV8InternalClass). @default false */
  all?: boolean;
}

/** The path of objects no anchor reaches (only weak edges, or a search that left retainers out). */
export const NO_USER_PATH = '(no user-level path)';

/**
 * memlab's clustering of leaks by retainer trace, on the user view: each leaked object's user
 * chain, with element indexes and Map/Set keys merged (`[*]`, `.get(*)`, `has(*)`), so that the 500
 * objects of one leaking array are one group. Groups are ranked by retained size, then count, then
 * path. One search of the user view (`view`, searched for every node) serves every object.
 */
export function leakGroups(
  graph: HeapGraph,
  view: UserView,
  nodes: ArrayLike<number>,
  sizes: { dominators: Dominators; tree: DominatorTree },
  options: LeakGroupsOptions = {},
): LeakGroup[] {
  const indexOf = new Map<string, number>();
  const list: LeakGroup[] = [];
  const none = 0xffffffff;
  const key = new Uint32Array(graph.nodeCount).fill(none);
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    const className = graph.className(node);
    if (!options.all && isV8InternalClass(className)) continue;
    const chain = userChain(graph, node, undefined, view);
    const accessPath = chain ? mergedAccessPath(chain) : NO_USER_PATH;
    const name = `${accessPath}\u0000${className}`;
    let index = indexOf.get(name);
    if (index === undefined) {
      index = list.push({ accessPath, className, count: 0, selfSize: 0, retainedSize: 0, nodes: [] }) - 1;
      indexOf.set(name, index);
    }
    key[node] = index;
    const group = list[index];
    group.count++;
    group.selfSize += graph.selfSize(node);
    group.nodes.push(node);
  }
  for (let node = 0; node < key.length; node++) if (key[node] === none) key[node] = list.length;
  const retained = groupRetainedSizes(graph, key, list.length + 1, sizes.dominators, sizes.tree);
  list.forEach((group, index) => {
    group.retainedSize = retained[index];
  });
  return list.sort(
    (a, b) =>
      b.retainedSize - a.retainedSize ||
      b.count - a.count ||
      compareText(a.accessPath, b.accessPath) ||
      byClassName(a, b),
  );
}

/** The access path with what tells one member of a collection from another merged: `globalThis.leaked[*]`. */
export function mergedAccessPath(chain: UserChain): string {
  return chain.anchor.name + chain.steps.map(mergedPath).join('');
}

/** A step's part of the access path, with what tells one object of a collection from another merged. */
function mergedPath(step: UserStep): string {
  return step.raw ? step.path : step.path.replace(step.label, mergedLabel(step.label));
}

/** A step label with what tells one member of a collection from another merged: `[*]`, `.get(*)`, `has(*)`. */
export function mergedLabel(label: string): string {
  if (/^\[\d+\]$/.test(label)) return '[*]';
  if (label.startsWith('.get(')) return '.get(*)';
  if (label.startsWith('has(')) return 'has(*)';
  if (/^bound arguments\[\d+\]$/.test(label)) return 'bound arguments[*]';
  return label;
}

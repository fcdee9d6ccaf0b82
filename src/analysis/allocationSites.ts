/**
 * Live objects grouped by the place that allocated them: Python tracemalloc's
 * `Snapshot.statistics('lineno')` and `statistics('traceback')` for V8 heaps, read from the
 * allocation stack tree a snapshot carries when allocation tracking was on (DevTools' Allocation
 * instrumentation shows the same tree, one function per row).
 *
 * What heapdot changed: V8 records functions, not statements, so a `file:line` is the line where
 * the allocating function starts, and a site names that function too. Objects without a stack
 * (allocated before tracking started) are one group of their own, never mixed with the sites.
 * Sizes: one pass over the nodes adds count and self size per tree entry (typed arrays), then
 * entries are merged by their key (a function, or a stack cut at `depth` frames); a group's
 * retained size is DevTools' class retained size with the group as the class.
 */
import type { AllocationTraces } from '../snapshot/allocationTraces.js';
import type { HeapGraph } from '../snapshot/heapGraph.js';
import {
  type AllocationSite,
  type AllocationSites,
  type AllocationSitesOptions,
  SITES_DEFAULTS,
  type SiteClass,
  type SiteOrder,
  type SiteTotals,
} from './allocationSiteTypes.js';
import { classKeys } from './classStats.js';
import { byClassName } from './compare.js';
import { groupRetainedSizes } from './groupRetainedSizes.js';
import { isV8InternalClass } from './internalClasses.js';

/** A node left out: synthetic, of V8's own classes (unless `all`), or not of the `className` asked for. */
const EXCLUDED = -1;

export function allocationSites(graph: HeapGraph, options: AllocationSitesOptions = {}): AllocationSites {
  const traces = graph.allocationTraces;
  const traceId = graph.nodeTraceId;
  if (traces === undefined || traceId === undefined) throw new Error('no allocation stacks');
  const view = options.view ?? SITES_DEFAULTS.view;
  const depth = view === 'stack' ? (options.depth ?? SITES_DEFAULTS.depth) : 1;
  const limit = options.limit ?? SITES_DEFAULTS.limit;
  const sizes = options.sizes;
  const sort: SiteOrder =
    options.sort === 'retained' && !sizes ? 'size' : (options.sort ?? SITES_DEFAULTS.sort);
  const classes = classKeys(graph);
  const className = options.className;
  const wanted =
    className !== undefined
      ? classFilter(graph, classes, (name) => name === className)
      : options.all
        ? undefined
        : classFilter(graph, classes, (name) => !isV8InternalClass(name));

  // One pass: each node's tree entry (the extra last entry: no stack), and per entry its objects and their size.
  const entries = traces.entryCount;
  const untracedEntry = entries;
  const entryOfNode = new Int32Array(graph.nodeCount);
  const entryObjects = new Float64Array(entries + 1);
  const entrySelf = new Float64Array(entries + 1);
  const { nodeCount, nodeType } = graph;
  const nodeSelfSize = graph.shallowSizes();
  const synthetic = graph.nodeTypes.synthetic;
  const classKey = classes.key;
  for (let node = 0; node < nodeCount; node++) {
    if (nodeType[node] === synthetic || (wanted !== undefined && wanted[classKey[node]] === 0)) {
      entryOfNode[node] = EXCLUDED;
      continue;
    }
    const id = traceId[node];
    const found = id === 0 ? -1 : traces.entryOfId(id);
    const entry = found === -1 ? untracedEntry : found;
    entryOfNode[node] = entry;
    entryObjects[entry]++;
    entrySelf[entry] += nodeSelfSize[node];
  }

  // Entries with live objects, merged by key; the first entry of a group stands for its frames.
  const keyOf = siteKey(traces, depth);
  const groupOfEntry = new Int32Array(entries + 1).fill(EXCLUDED);
  const groupIndex = new Map<string, number>();
  const first: number[] = [];
  const objects: number[] = [];
  const self: number[] = [];
  for (let entry = 0; entry < entries; entry++) {
    if (entryObjects[entry] === 0) continue;
    const key = keyOf(entry);
    let group = groupIndex.get(key);
    if (group === undefined) {
      group = first.length;
      groupIndex.set(key, group);
      first.push(entry);
      objects.push(0);
      self.push(0);
    }
    groupOfEntry[entry] = group;
    objects[group] += entryObjects[entry];
    self[group] += entrySelf[entry];
  }
  const groupCount = first.length;
  const untracedGroup = groupCount;
  groupOfEntry[untracedEntry] = untracedGroup;

  // Each node's group (the untraced group after the sites, excluded nodes after that), for retained sizes and classes.
  const excludedGroup = groupCount + 1;
  const groupOfNode = new Uint32Array(nodeCount);
  for (let node = 0; node < nodeCount; node++) {
    const entry = entryOfNode[node];
    groupOfNode[node] = entry === EXCLUDED ? excludedGroup : groupOfEntry[entry];
  }
  const retained = sizes
    ? groupRetainedSizes(graph, groupOfNode, groupCount + 2, sizes.dominators, sizes.tree)
    : undefined;

  const measure: Record<SiteOrder, (group: number) => number> = {
    count: (group) => objects[group],
    size: (group) => self[group],
    retained: (group) => retained?.[group] ?? 0,
  };
  const order = Array.from({ length: groupCount }, (_, group) => group).sort(
    (a, b) =>
      measure[sort](b) - measure[sort](a) ||
      objects[b] - objects[a] ||
      self[b] - self[a] ||
      first[a] - first[b],
  );
  const shown = order.slice(0, limit);
  const classesOf = topClasses(
    graph,
    classes,
    groupOfNode,
    [...shown, untracedGroup],
    options.topClasses ?? SITES_DEFAULTS.topClasses,
  );
  const totals = (group: number, count: number, selfSize: number, at: number): SiteTotals => ({
    count,
    selfSize,
    ...(retained ? { retainedSize: retained[group] } : {}),
    ...classesOf[at],
  });
  const sites: AllocationSite[] = shown.map((group, at) => ({
    frames: traces.stack(first[group]).slice(0, depth),
    ...totals(group, objects[group], self[group], at),
  }));
  let tracedCount = 0;
  let tracedSelf = 0;
  for (let group = 0; group < groupCount; group++) {
    tracedCount += objects[group];
    tracedSelf += self[group];
  }
  return {
    view,
    depth: view === 'stack' && Number.isFinite(depth) ? depth : null,
    className: options.className ?? null,
    sort,
    siteCount: groupCount,
    traced: { count: tracedCount, selfSize: tracedSelf },
    sites,
    untraced: totals(untracedGroup, entryObjects[untracedEntry], entrySelf[untracedEntry], shown.length),
  };
}

type ClassKeys = ReturnType<typeof classKeys>;

/** 1 for the class keys whose class name `keep` accepts. */
function classFilter(graph: HeapGraph, classes: ClassKeys, keep: (className: string) => boolean): Uint8Array {
  const seen = new Uint8Array(classes.keyCount);
  for (let node = 0; node < graph.nodeCount; node++) seen[classes.key[node]] = 1;
  const wanted = new Uint8Array(classes.keyCount);
  for (let k = 0; k < classes.keyCount; k++)
    if (seen[k] === 1 && keep(classes.classNameOfKey(k))) wanted[k] = 1;
  return wanted;
}

/**
 * The key of a tree entry's site: its innermost `depth` frames, each a function told apart by
 * name, script, line and column (V8 can list one function more than once). The tree's top entry
 * (no JavaScript frame) has the empty key.
 */
function siteKey(traces: AllocationTraces, depth: number): (entry: number) => string {
  const { functionIndex, parent } = traces.tree;
  const canonical = new Int32Array(traces.functions.name.length).fill(-1);
  const byText = new Map<string, number>();
  const functionKey = (entry: number): number => {
    const f = functionIndex[entry];
    if (canonical[f] === -1) {
      const frame = traces.frame(entry);
      const text = `${frame.functionName}\0${frame.scriptName}\0${frame.line}\0${frame.column}`;
      let id = byText.get(text);
      if (id === undefined) {
        id = byText.size;
        byText.set(text, id);
      }
      canonical[f] = id;
    }
    return canonical[f];
  };
  return (entry) => {
    const ids: number[] = [];
    for (let e = entry; parent[e] !== -1 && ids.length < depth; e = parent[e]) ids.push(functionKey(e));
    return ids.join(',');
  };
}

/**
 * The most common classes of some groups, in the order given: the nodes are sorted by group (a
 * counting pass and a fill pass), then each group's class keys are counted and merged by name.
 */
function topClasses(
  graph: HeapGraph,
  classes: ClassKeys,
  groupOfNode: Uint32Array,
  groups: number[],
  top: number,
): { classes: SiteClass[]; classCount: number }[] {
  let maxGroup = 0;
  for (const group of groups) if (group > maxGroup) maxGroup = group;
  const slotOfGroup = new Int32Array(maxGroup + 1).fill(-1);
  groups.forEach((group, slot) => {
    slotOfGroup[group] = slot;
  });
  const slotOf = (node: number) => (groupOfNode[node] <= maxGroup ? slotOfGroup[groupOfNode[node]] : -1);
  const start = new Uint32Array(groups.length + 1);
  for (let node = 0; node < graph.nodeCount; node++) {
    const slot = slotOf(node);
    if (slot !== -1) start[slot + 1]++;
  }
  for (let slot = 0; slot < groups.length; slot++) start[slot + 1] += start[slot];
  const members = new Uint32Array(start[groups.length]);
  const fill = start.slice(0, groups.length);
  for (let node = 0; node < graph.nodeCount; node++) {
    const slot = slotOf(node);
    if (slot !== -1) members[fill[slot]++] = node;
  }
  const counter = new Uint32Array(classes.keyCount);
  return groups.map((_, slot) => {
    const touched: number[] = [];
    for (let m = start[slot]; m < start[slot + 1]; m++) {
      const k = classes.key[members[m]];
      if (counter[k]++ === 0) touched.push(k);
    }
    const byName = new Map<string, number>();
    for (const k of touched) {
      const name = classes.classNameOfKey(k);
      byName.set(name, (byName.get(name) ?? 0) + counter[k]);
      counter[k] = 0;
    }
    const all = [...byName].map(([className, count]) => ({ className, count }));
    all.sort((a, b) => b.count - a.count || byClassName(a, b));
    return { classes: all.slice(0, top), classCount: all.length };
  });
}

import { classNameOfName, type HeapGraph } from '../snapshot/heapGraph.js';
import { NO_INTERFACE } from '../snapshot/interfaceNames.js';
import { byClassName } from './compare.js';
import type { Dominators, DominatorTree } from './dominatorTypes.js';
import { groupRetainedSizes } from './groupRetainedSizes.js';

/** One class of a snapshot (DevTools' Summary row): instances, their self size, their retained size. */
export interface ClassStat {
  className: string;
  count: number;
  selfSize: number;
  /** As DevTools sums a class: the retained sizes of its objects that no other object of the class dominates. */
  retainedSize?: number;
}

/**
 * The integer class key of a node: its name's string index for object and native nodes (their
 * class comes from the name), `strings.count + type` for the rest (one class per type), then one
 * key per interface a plain object takes and one per name of a detached native node. Keys are
 * merged by class name only at the end, so a heap is grouped without a string per node.
 */
export function classKeys(graph: HeapGraph): {
  key: Uint32Array;
  keyCount: number;
  classNameOfKey: (key: number) => string;
} {
  const { nodeCount, nodeType, nodeName } = graph;
  const object = graph.nodeTypes.object;
  const native = graph.nodeTypes.native;
  const stringCount = graph.strings.count;
  const interfaces = graph.interfaceNames();
  const definitions = interfaces.definitions;
  const interfaceBase = stringCount + 256;
  const detachedBase = interfaceBase + definitions.length;
  let detachedKeyOfName: Int32Array | undefined;
  const detachedNames: number[] = [];
  const key = new Uint32Array(nodeCount);
  const firstOfType = new Int32Array(256).fill(-1);
  for (let node = 0; node < nodeCount; node++) {
    const type = nodeType[node];
    if (type === object) {
      const match = interfaces.isPlainObject(node) ? interfaces.interfaceOf(node) : NO_INTERFACE;
      key[node] = match === NO_INTERFACE ? nodeName[node] : interfaceBase + match;
    } else if (type === native) {
      if (graph.isDetached(node)) {
        detachedKeyOfName ??= new Int32Array(stringCount).fill(-1);
        let slot = detachedKeyOfName[nodeName[node]];
        if (slot === -1) {
          slot = detachedNames.push(nodeName[node]) - 1;
          detachedKeyOfName[nodeName[node]] = slot;
        }
        key[node] = detachedBase + slot;
      } else key[node] = nodeName[node];
    } else {
      key[node] = stringCount + type;
      if (firstOfType[type] === -1) firstOfType[type] = node;
    }
  }
  const classNameOfKey = (k: number) => {
    if (k < stringCount) return classNameOfName(graph.strings.get(k));
    if (k < interfaceBase) return graph.className(firstOfType[k - stringCount]);
    if (k < detachedBase) return definitions[k - interfaceBase].name;
    return classNameOfName(`Detached ${graph.strings.get(detachedNames[k - detachedBase])}`);
  };
  return { key, keyCount: detachedBase + detachedNames.length, classNameOfKey };
}

/** Counts, self sizes and (with dominators) retained sizes per class, merged by class name. */
export function classStats(
  graph: HeapGraph,
  sizes?: { dominators: Dominators; tree: DominatorTree },
): ClassStat[] {
  const { key, keyCount, classNameOfKey } = classKeys(graph);
  const count = new Uint32Array(keyCount);
  const self = new Float64Array(keyCount);
  const selfSize = graph.shallowSizes();
  for (let node = 0; node < graph.nodeCount; node++) {
    count[key[node]]++;
    self[key[node]] += selfSize[node];
  }
  const retained = sizes ? groupRetainedSizes(graph, key, keyCount, sizes.dominators, sizes.tree) : undefined;
  const merged = new Map<string, ClassStat>();
  for (let k = 0; k < keyCount; k++) {
    if (count[k] === 0) continue;
    const className = classNameOfKey(k);
    let stat = merged.get(className);
    if (!stat) {
      stat = { className, count: 0, selfSize: 0 };
      if (retained) stat.retainedSize = 0;
      merged.set(className, stat);
    }
    stat.count += count[k];
    stat.selfSize += self[k];
    if (retained && stat.retainedSize !== undefined) stat.retainedSize += retained[k];
  }
  return [...merged.values()];
}

/** Most instances first, then the larger self size, then the name: a stable order. */
export function byCount(a: ClassStat, b: ClassStat): number {
  return b.count - a.count || b.selfSize - a.selfSize || byClassName(a, b);
}

import { classNameOfName, type HeapGraph } from '../snapshot/heapGraph.js';

export interface ClassCount {
  className: string;
  count: number;
  selfSize: number;
}

/**
 * Instances and self size per DevTools class. Counted per name string (object and native nodes)
 * and per type (the rest) in typed arrays, then merged by class name: only distinct names are decoded.
 */
export function classCounts(graph: HeapGraph): ClassCount[] {
  const { nodeCount, nodeType, nodeName, nodeSelfSize } = graph;
  const object = graph.nodeTypes.object;
  const native = graph.nodeTypes.native;
  const byName = new Uint32Array(graph.strings.count);
  const sizeByName = new Float64Array(graph.strings.count);
  const byType = new Uint32Array(256);
  const sizeByType = new Float64Array(256);
  const firstOfType = new Int32Array(256).fill(-1);
  for (let node = 0; node < nodeCount; node++) {
    const type = nodeType[node];
    if (type === object || type === native) {
      byName[nodeName[node]]++;
      sizeByName[nodeName[node]] += nodeSelfSize[node];
    } else {
      byType[type]++;
      sizeByType[type] += nodeSelfSize[node];
      if (firstOfType[type] === -1) firstOfType[type] = node;
    }
  }
  const merged = new Map<string, ClassCount>();
  const add = (className: string, count: number, selfSize: number) => {
    const entry = merged.get(className);
    if (entry) {
      entry.count += count;
      entry.selfSize += selfSize;
    } else merged.set(className, { className, count, selfSize });
  };
  for (let name = 0; name < byName.length; name++) {
    if (byName[name] > 0) add(classNameOfName(graph.strings.get(name)), byName[name], sizeByName[name]);
  }
  for (let type = 0; type < 256; type++) {
    if (byType[type] > 0) add(graph.className(firstOfType[type]), byType[type], sizeByType[type]);
  }
  return [...merged.values()];
}

/** Most instances first, then the larger self size, then the name: a stable order. */
export function byCount(a: ClassCount, b: ClassCount): number {
  return (
    b.count - a.count ||
    b.selfSize - a.selfSize ||
    (a.className < b.className ? -1 : a.className > b.className ? 1 : 0)
  );
}

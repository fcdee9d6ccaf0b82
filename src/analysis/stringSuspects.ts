import type { HeapGraph } from '../snapshot/heapGraph.js';
import type { StringsSuspect } from './suspectsTypes.js';

/** The most groups kept (the report lists far fewer): bounds the second pass that lists their copies. */
const MAX_GROUPS = 100;

/**
 * DevTools' "Duplicated strings": flat string objects with the same text. V8 writes each distinct
 * text once in the snapshot's strings table, so copies share a name index; a copy of another size
 * (a text cut by the snapshot writer) is not counted. Ranked by wasted bytes (all copies but one).
 */
export function stringSuspects(graph: HeapGraph, minCopies: number): StringsSuspect[] {
  const { nodeCount, nodeType, nodeName, nodeSelfSize } = graph;
  const stringType = graph.nodeTypes.string;
  const count = new Uint32Array(graph.strings.count);
  const size = new Float64Array(graph.strings.count);
  for (let node = 0; node < nodeCount; node++) {
    if (nodeType[node] !== stringType) continue;
    const name = nodeName[node];
    if (count[name] === 0) size[name] = nodeSelfSize[node];
    else if (size[name] !== nodeSelfSize[node]) continue;
    count[name]++;
  }
  const groups: { name: number; wasted: number }[] = [];
  for (let name = 0; name < count.length; name++)
    if (count[name] >= Math.max(2, minCopies)) groups.push({ name, wasted: (count[name] - 1) * size[name] });
  groups.sort((a, b) => b.wasted - a.wasted || a.name - b.name);
  const kept = groups.slice(0, MAX_GROUPS);
  const slot = new Int32Array(graph.strings.count).fill(-1);
  const nodes: number[][] = kept.map(() => []);
  kept.forEach((group, i) => {
    slot[group.name] = i;
  });
  for (let node = 0; node < nodeCount; node++) {
    if (nodeType[node] !== stringType) continue;
    const i = slot[nodeName[node]];
    if (i !== -1 && nodeSelfSize[node] === size[kept[i].name]) nodes[i].push(node);
  }
  return kept.map((group, i) => ({
    kind: 'strings',
    node: nodes[i][0],
    copies: nodes[i].length,
    stringSize: size[group.name],
    wastedSize: group.wasted,
    nodes: nodes[i],
  }));
}

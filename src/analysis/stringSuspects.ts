import type { HeapGraph } from '../snapshot/heapGraph.js';
import type { StringsSuspect } from './suspectsTypes.js';

/** The most groups kept (the report lists far fewer): bounds the second pass that lists their copies. */
const MAX_GROUPS = 100;

/**
 * DevTools' "Duplicated strings": flat string objects with the same text, that the program holds.
 * V8 writes each distinct text once in the snapshot's strings table, so copies share a name index;
 * a copy of another size (a text cut by the snapshot writer) is not counted, nor is a copy held by
 * V8 alone (programHeld): Node's own functions and scripts repeat names like `get constructor` or
 * `primordials` by the hundred, and no program can fix that. Ranked by wasted bytes (all copies but one).
 */
export function stringSuspects(graph: HeapGraph, minCopies: number): StringsSuspect[] {
  const { nodeCount, nodeType, nodeName, nodeSelfSize } = graph;
  const stringType = graph.nodeTypes.string;
  const count = new Uint32Array(graph.strings.count);
  const size = new Float64Array(graph.strings.count);
  const held = programHeld(graph);
  for (let node = 0; node < nodeCount; node++) {
    if (nodeType[node] !== stringType || !held(node)) continue;
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
    if (nodeType[node] !== stringType || !held(node)) continue;
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

/**
 * How many V8 arrays (FixedArrays: elements, hash tables) and strings made of it (concatenated,
 * sliced) a string may sit under below its holder.
 */
const LEVELS = 3;

/**
 * Whether a string is held by the program: by a strong edge from an object that is not V8's own
 * bookkeeping (code, scope infos and scripts; `(system)` objects; maps and descriptor arrays; the
 * root and GC roots, such as the table of internalized strings), directly or through V8 arrays
 * (a Map's table, an object's elements: a script's wrapped arguments are code's) and the strings
 * built from it, and is not a function's `name` (V8 sets it from the source: it is code, not data).
 */
function programHeld(graph: HeapGraph): (node: number) => boolean {
  const { firstRetainer, retainerEdge, retainerSource } = graph.retainers();
  const { nodeType, edgeType } = graph;
  const types = graph.nodeTypes;
  const internal = new Uint8Array(graph.header.nodeTypes.length);
  const shape = graph.header.nodeTypes.indexOf('object shape');
  for (const type of [types.code, types.hidden, types.synthetic, shape]) if (type >= 0) internal[type] = 1;
  const through = new Uint8Array(graph.header.nodeTypes.length);
  for (const type of [types.array, types.concatenatedString, types.slicedString])
    if (type >= 0) through[type] = 1;
  const { weak, property } = graph.edgeTypes;
  const held = (node: number, level: number): boolean => {
    for (let r = firstRetainer[node]; r < firstRetainer[node + 1]; r++) {
      const source = retainerSource[r];
      const edge = retainerEdge[r];
      const type = nodeType[source];
      if (internal[type] === 1 || edgeType[edge] === weak) continue;
      if (type === types.closure && edgeType[edge] === property && graph.edgeName(edge) === 'name') continue;
      if (through[type] === 1) {
        if (level < LEVELS && held(source, level + 1)) return true;
        continue;
      }
      if (graph.nodeNameOf(source).startsWith('system / ')) continue;
      return true;
    }
    return false;
  };
  return (node) => held(node, 0);
}

import type { HeapGraph } from '../snapshot/heapGraph.js';
import { findEdge } from './findEdge.js';
import { nameTest } from './nameTest.js';
import type { CollectionKind } from './suspectsTypes.js';
import { mapSlotKind, SlotKind } from './tableLayout.js';

/** Collection kinds by code (0: not a collection), as collectionEntries stores them. */
export const COLLECTION_KINDS: readonly (CollectionKind | undefined)[] = [
  undefined,
  'Array',
  'Map',
  'Set',
  'object',
  'timers',
];
const ARRAY = 1;
const MAP = 2;
const SET = 3;
const OBJECT = 4;
const TIMERS = 5;

/** Node names that are collections, and the edge names their entries are read through. */
const KIND_OF_NAME = new Map<string, number>([
  ['Array', ARRAY],
  ['Map', MAP],
  ['Set', SET],
  ['Object', OBJECT],
  ['TimersList', TIMERS],
]);

/** Per node: how many entries it holds as a collection, and which kind of collection it is. */
export interface CollectionEntries {
  entries: Uint32Array;
  /** Per node: an index into COLLECTION_KINDS (0: not a collection). */
  kind: Uint8Array;
}

/**
 * The entry count of every collection in a snapshot: an Array's elements, a Map's entries and a
 * Set's (slots of their table, see tableLayout.ts: keys or values, whichever V8 recorded more of, as
 * it leaves small integers out), a plain object's properties (a dictionary), and the timers of a
 * Node `TimersList` (its `_idleNext` ring). One pass over the edges; names are decoded once each.
 */
export function collectionEntries(graph: HeapGraph): CollectionEntries {
  const { nodeCount, firstEdge, edgeType, edgeNameOrIndex, edgeTarget, nodeName, nodeType } = graph;
  const objectType = graph.nodeTypes.object;
  const { element, property } = graph.edgeTypes;
  const codes = new Uint8Array(graph.strings.count);
  const codeOf = (index: number): number => {
    if (codes[index] === 0) codes[index] = (KIND_OF_NAME.get(graph.strings.get(index)) ?? 0) + 1;
    return codes[index] - 1;
  };
  const isProto = nameTest(graph, '__proto__');
  const isIdleNext = nameTest(graph, '_idleNext');
  const entries = new Uint32Array(nodeCount);
  const kind = new Uint8Array(nodeCount);
  for (let node = 0; node < nodeCount; node++) {
    if (nodeType[node] !== objectType) continue;
    const code = codeOf(nodeName[node]);
    if (code === 0) continue;
    kind[node] = code;
    const start = firstEdge[node];
    const end = firstEdge[node + 1];
    let count = 0;
    if (code === ARRAY) {
      for (let edge = start; edge < end; edge++) if (edgeType[edge] === element) count++;
    } else if (code === OBJECT) {
      for (let edge = start; edge < end; edge++)
        if (edgeType[edge] === element || (edgeType[edge] === property && !isProto(edgeNameOrIndex[edge])))
          count++;
    } else if (code === MAP || code === SET) {
      const edge = findEdge(graph, node, 'internal', 'table');
      if (edge !== -1) count = tableEntries(graph, edgeTarget[edge], code === MAP);
    } else {
      count = timersInList(graph, node, property, isIdleNext);
    }
    entries[node] = count;
  }
  return { entries, kind };
}

/**
 * Entries of an OrderedHashMap/Set table. A Map's entry is three slots (key, value, chain), a Set's
 * two (key, chain); chains, bucket heads and small-integer keys or values are not in the snapshot.
 */
function tableEntries(graph: HeapGraph, table: number, isMap: boolean): number {
  let keys = 0;
  let values = 0;
  for (let edge = graph.firstEdge[table]; edge < graph.firstEdge[table + 1]; edge++) {
    // Slots are element, hidden or internal edges named by their index; `map` is the array's shape.
    const index = graph.edgeHasIndex(edge) ? graph.edgeNameOrIndex[edge] : Number(graph.edgeName(edge));
    if (!Number.isInteger(index)) continue;
    if (isMap && mapSlotKind(graph.nodeSelfSize[table], index) === SlotKind.Value) values++;
    else keys++;
  }
  // A Map with objects for both keys and values has two slots an entry: count the larger half.
  return isMap ? Math.max(keys, values) : keys;
}

/** The timers in a TimersList: the length of its `_idleNext` ring, back to the list. */
function timersInList(
  graph: HeapGraph,
  list: number,
  property: number,
  isIdleNext: (index: number) => boolean,
): number {
  let count = 0;
  let node = list;
  while (count <= graph.nodeCount) {
    let next = -1;
    for (let edge = graph.firstEdge[node]; edge < graph.firstEdge[node + 1]; edge++)
      if (graph.edgeType[edge] === property && isIdleNext(graph.edgeNameOrIndex[edge])) {
        next = graph.edgeTarget[edge];
        break;
      }
    if (next === -1 || next === list) break;
    count++;
    node = next;
  }
  return count;
}

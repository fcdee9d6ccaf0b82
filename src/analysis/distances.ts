import type { HeapGraph } from '../snapshot/heapGraph.js';
import { WeakMapEdgeNames } from './weakMapEdges.js';

/**
 * Distance from the snapshot's root, as Chrome DevTools computes its Distance column
 * (front_end/entrypoints/heap_snapshot_worker/HeapSnapshot.ts: calculateDistances, bfs, and
 * JSHeapSnapshot's filter): breadth-first from the user roots at distance 1, then from the root
 * for what only system roots hold (DevTools adds 100000000 to those); weak edges never count;
 * the `sloppy_function_map` edge of a `system / NativeContext` and the `(map descriptors)` key
 * slots are skipped; of the two edges that hold a WeakMap value (from the table and from the key)
 * the first one met is skipped, so the value counts as held once both are reached.
 *
 * heapdot keeps DevTools' raw numbers in `raw` and also records, per node, the edge through which
 * the search first reached it: the shortest chain is read back from those, with no retainer index.
 */

/** DevTools' offset for nodes that only system roots hold. */
export const SYSTEM_DISTANCE_BASE = 100000000;
/** DevTools' value for a node no strong path reaches. */
export const NO_DISTANCE = -5;
/** `parentEdge` of roots and unreached nodes. */
export const NO_EDGE = 0xffffffff;

export interface Distances {
  /** Per node: DevTools' distance (system-only nodes have SYSTEM_DISTANCE_BASE added), or NO_DISTANCE. */
  raw: Int32Array;
  /** Per node: the edge through which the search first reached it, or NO_EDGE. */
  parentEdge: Uint32Array;
  /** How many user roots (non-synthetic children of the root, and `(Document DOM trees)`) there are. */
  userRootCount: number;
}

export type RootKind = 'user' | 'system';

/** heapdot's distance of a node (DESIGN.md): DevTools' number, less the system offset; undefined if unreached. */
export function distanceOf(distances: Distances, ordinal: number): number | undefined {
  const raw = distances.raw[ordinal];
  if (raw === NO_DISTANCE) return undefined;
  return raw >= SYSTEM_DISTANCE_BASE ? raw - SYSTEM_DISTANCE_BASE : raw;
}

/** Whether the node's shortest chain starts at a user root or only system roots hold it. */
export function rootKindOf(distances: Distances, ordinal: number): RootKind | undefined {
  const raw = distances.raw[ordinal];
  if (raw === NO_DISTANCE) return undefined;
  return distances.userRootCount > 0 && raw < SYSTEM_DISTANCE_BASE ? 'user' : 'system';
}

/** Sort key that orders nodes as "nearest": user-root distances, then system ones, unreached last. */
export function nearnessKey(distances: Distances, ordinal: number): number {
  const raw = distances.raw[ordinal];
  return raw === NO_DISTANCE ? Number.MAX_SAFE_INTEGER : raw;
}

export function isUserRoot(graph: HeapGraph, ordinal: number): boolean {
  const type = graph.nodeType[ordinal];
  if (type !== graph.nodeTypes.synthetic) return true;
  return graph.nodeNameOf(ordinal) === '(Document DOM trees)';
}

const SKIP_NONE = 0;
const SKIP_SLOPPY_FUNCTION_MAP = 1;
const SKIP_DESCRIPTOR_KEYS = 2;

export function computeDistances(graph: HeapGraph): Distances {
  const { nodeCount, firstEdge, edgeType, edgeTarget, edgeNameOrIndex, rootOrdinal } = graph;
  const weakType = graph.edgeTypes.weak;
  const internalType = graph.edgeTypes.internal;
  const raw = new Int32Array(nodeCount).fill(NO_DISTANCE);
  const parentEdge = new Uint32Array(nodeCount).fill(NO_EDGE);
  const queue = new Uint32Array(nodeCount);
  const special = specialNames(graph);
  const weakMapEdges = new WeakMapEdgeNames(graph);
  const pendingWeakMapEdges = new Set<string>();

  /** Runs DevTools' bfs over queue[0 .. length), which the caller filled. */
  const search = (length: number) => {
    let head = 0;
    while (head < length) {
      const node = queue[head++];
      const distance = raw[node] + 1;
      const skip = special === undefined ? SKIP_NONE : sourceSkipKind(graph, node, special);
      const end = firstEdge[node + 1];
      for (let edge = firstEdge[node]; edge < end; edge++) {
        const type = edgeType[edge];
        if (type === weakType) continue;
        const child = edgeTarget[edge];
        if (raw[child] !== NO_DISTANCE) continue;
        if (skip !== SKIP_NONE) {
          if (skip === SKIP_SLOPPY_FUNCTION_MAP) {
            if (!graph.edgeHasIndex(edge) && edgeNameOrIndex[edge] === special?.sloppyFunctionMap) continue;
          } else if (!descriptorEdgeCounts(graph, edge)) continue;
        }
        if (type === internalType) {
          const key = weakMapEdges.pairKey(edgeNameOrIndex[edge]);
          // The first of a value's two WeakMap edges waits for the second (crbug.com/1290800).
          if (key !== undefined && !pendingWeakMapEdges.delete(key)) {
            pendingWeakMapEdges.add(key);
            continue;
          }
        }
        raw[child] = distance;
        parentEdge[child] = edge;
        queue[length++] = child;
      }
    }
  };

  // The user roots start the search at distance 1, reached by their edge from the root.
  let length = 0;
  const rootEnd = firstEdge[rootOrdinal + 1];
  for (let edge = firstEdge[rootOrdinal]; edge < rootEnd; edge++) {
    const child = edgeTarget[edge];
    if (raw[child] !== NO_DISTANCE || !isUserRoot(graph, child)) continue;
    raw[child] = 1;
    parentEdge[child] = edge;
    queue[length++] = child;
  }
  const userRootCount = length;
  search(length);
  // Then what only system roots hold, from the root itself.
  raw[rootOrdinal] = userRootCount > 0 ? SYSTEM_DISTANCE_BASE : 0;
  queue[0] = rootOrdinal;
  search(1);
  return { raw, parentEdge, userRootCount };
}

interface SpecialNames {
  sloppyFunctionMap: number;
  nativeContext: number;
  mapDescriptors: number;
}

/** The string indexes of the names DevTools' filter looks at, or undefined when none occurs. */
function specialNames(graph: HeapGraph): SpecialNames | undefined {
  const names = {
    sloppyFunctionMap: graph.strings.indexOf('sloppy_function_map'),
    nativeContext: graph.strings.indexOf('system / NativeContext'),
    mapDescriptors: graph.strings.indexOf('(map descriptors)'),
  };
  return names.nativeContext === -1 && names.mapDescriptors === -1 ? undefined : names;
}

function sourceSkipKind(graph: HeapGraph, node: number, names: SpecialNames): number {
  const type = graph.nodeType[node];
  const name = graph.nodeName[node];
  if (type === graph.nodeTypes.hidden && name === names.nativeContext) return SKIP_SLOPPY_FUNCTION_MAP;
  if (type === graph.nodeTypes.array && name === names.mapDescriptors) return SKIP_DESCRIPTOR_KEYS;
  return SKIP_NONE;
}

/** A `(map descriptors)` array holds [count, enum cache, (key, details, value)...]: its key slots do not count. */
function descriptorEdgeCounts(graph: HeapGraph, edge: number): boolean {
  const value = graph.edgeNameOrIndex[edge];
  // DevTools parses the edge's name as a number; a name that is not one counts.
  const index = graph.edgeHasIndex(edge) ? value : Number.parseInt(graph.strings.get(value), 10);
  return !(index >= 2 && index % 3 === 1);
}

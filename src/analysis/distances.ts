import type { HeapGraph } from '../snapshot/heapGraph.js';
import { isUserRoot } from '../snapshot/userRoots.js';
import { SKIP_NONE, SkippedEdges } from './skippedEdges.js';
import type { RootKind } from './types.js';
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
 * heapdot can also stop the search early, once the nearest of some nodes is settled (`nearestOf`):
 * a chain to the nearest match of a target needs no more.
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
  /**
   * Whether the search ran to the end. When it stopped early (`nearestOf`), a node with NO_DISTANCE
   * is unknown, not unreachable; every node it did reach has the full search's raw and parentEdge.
   */
  complete: boolean;
}

export interface DistancesOptions {
  /**
   * Stop once the nearest of these nodes is settled. The search runs as the full one does, level by
   * level, and ends when it is about to expand one of them: by then every node at a smaller or the
   * same distance (so every tie) has been reached, user roots' levels before system roots' ones.
   * When none of them is reachable the search runs to the end.
   * @default undefined: search the whole graph
   */
  nearestOf?: Uint32Array;
  /**
   * Per node: 1 for a node the search never enters (retainers left out with --ignore, --avoid), as
   * DevTools recomputes distances after "Ignore this retainer". @default undefined: none
   */
  excluded?: Uint8Array;
}

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

export function computeDistances(graph: HeapGraph, options: DistancesOptions = {}): Distances {
  const { nodeCount, firstEdge, edgeType, edgeTarget, edgeNameOrIndex, rootOrdinal } = graph;
  const weakType = graph.edgeTypes.weak;
  const internalType = graph.edgeTypes.internal;
  const raw = new Int32Array(nodeCount).fill(NO_DISTANCE);
  const parentEdge = new Uint32Array(nodeCount).fill(NO_EDGE);
  const queue = new Uint32Array(nodeCount);
  const skipped = new SkippedEdges(graph);
  const weakMapEdges = new WeakMapEdgeNames(graph);
  const pendingWeakMapEdges = new Set<string>();
  const stopAt = options.nearestOf && maskOf(nodeCount, options.nearestOf);
  const excluded = options.excluded;

  /**
   * Runs DevTools' bfs over queue[0 .. length), which the caller filled; false when it stopped at a
   * node of `stopAt`. The queue holds nodes in order of distance, so when one is taken out every
   * node one edge nearer has been expanded: its whole level has been reached.
   */
  const search = (length: number): boolean => {
    let head = 0;
    while (head < length) {
      const node = queue[head++];
      if (stopAt !== undefined && stopAt[node] === 1) return false;
      const distance = raw[node] + 1;
      const skip = skipped.sourceKind(node);
      const end = firstEdge[node + 1];
      for (let edge = firstEdge[node]; edge < end; edge++) {
        const type = edgeType[edge];
        if (type === weakType) continue;
        const child = edgeTarget[edge];
        if (raw[child] !== NO_DISTANCE) continue;
        if (excluded !== undefined && excluded[child] === 1) continue;
        if (skip !== SKIP_NONE && skipped.skips(edge, skip)) continue;
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
    return true;
  };

  // The user roots start the search at distance 1, reached by their edge from the root.
  let length = 0;
  const rootEnd = firstEdge[rootOrdinal + 1];
  for (let edge = firstEdge[rootOrdinal]; edge < rootEnd; edge++) {
    const child = edgeTarget[edge];
    if (raw[child] !== NO_DISTANCE || !isUserRoot(graph, child)) continue;
    if (excluded !== undefined && excluded[child] === 1) continue;
    raw[child] = 1;
    parentEdge[child] = edge;
    queue[length++] = child;
  }
  const userRootCount = length;
  // The root's distance is the one the system pass starts from, even if a user root's edge reached
  // it: so the user pass never stops at the root.
  const rootStops = stopAt?.[rootOrdinal] ?? 0;
  if (stopAt !== undefined) stopAt[rootOrdinal] = 0;
  const userPassEnded = search(length);
  raw[rootOrdinal] = userRootCount > 0 ? SYSTEM_DISTANCE_BASE : 0;
  parentEdge[rootOrdinal] = NO_EDGE;
  if (!userPassEnded) return { raw, parentEdge, userRootCount, complete: false };
  // Then what only system roots hold, from the root itself.
  if (stopAt !== undefined) stopAt[rootOrdinal] = rootStops;
  queue[0] = rootOrdinal;
  const complete = search(1);
  return { raw, parentEdge, userRootCount, complete };
}

function maskOf(nodeCount: number, ordinals: Uint32Array): Uint8Array {
  const mask = new Uint8Array(nodeCount);
  for (let i = 0; i < ordinals.length; i++) mask[ordinals[i]] = 1;
  return mask;
}

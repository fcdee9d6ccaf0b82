import type { HeapGraph } from '../snapshot/heapGraph.js';
import { firstSeeds, lastResortSeeds, promiseSeeds, type Seeds } from './anchors.js';
import { type Hops, SKIP } from './hops.js';

/**
 * The user view's search: the fewest user-level steps from any anchor to a target. It is a 0-1-2
 * breadth-first search (Dial's buckets over three rotating lists): a hop a folding rule allows
 * costs 0 (it stays in the level being expanded), a hop onto a user-visible node 1, a raw hop no
 * rule covers 2, so a chain through V8's internals is taken only when no user-level one is as
 * short. Within a level, nodes are expanded in the order they were reached, and the anchors start
 * in kind order, then id: ties go that way, deterministically.
 * Like DevTools' distances (a user pass, then a system pass), pending promises start a second pass
 * and the stack and native handles a third, each only when the passes before did not reach the
 * target. The search stops once the target is
 * settled; with no target (EVERY_NODE) it settles every node an anchor reaches, and the same
 * parents as a search that stopped (a node's parent is fixed before it is settled), so one search
 * serves every chain a command draws. Per node: one Int32 (level), one Uint32 (the edge that
 * reached it), one byte (anchor rank, last-resort and settled bits); the lists grow as needed.
 */
export interface UserSearch {
  /** Per node: the edge through which the search settled it; for an anchor, its anchor edge. */
  parentEdge: Uint32Array;
  /** Per node: the anchor kind's rank for anchors, 0 otherwise; SETTLED once settled, LAST_RESORT if the second pass did. */
  state: Uint8Array;
}

const UNREACHED = 0x7fffffff;
export const SETTLED = 0x80;
/** Settled by the second pass: only the stack or native handles reach it. */
export const LAST_RESORT = 0x40;
export const RANK_MASK = 0x3f;
/** The target of a search that settles every node it reaches. */
export const EVERY_NODE = -1;

export function searchUserChain(graph: HeapGraph, hops: Hops, target: number): UserSearch {
  const { nodeCount, firstEdge, edgeTarget } = graph;
  const level = new Int32Array(nodeCount).fill(UNREACHED);
  const parentEdge = new Uint32Array(nodeCount);
  const state = new Uint8Array(nodeCount);
  const lists = [new Uint32Array(1024), new Uint32Array(1024), new Uint32Array(1024)];
  const lengths = [0, 0, 0];
  const push = (slot: number, node: number) => {
    if (lengths[slot] === lists[slot].length) {
      const bigger = new Uint32Array(lists[slot].length * 2);
      bigger.set(lists[slot]);
      lists[slot] = bigger;
    }
    lists[slot][lengths[slot]++] = node;
  };

  const run = (seeds: Seeds, settled: number): boolean => {
    for (let i = 0; i < seeds.edges.length; i++) {
      const node = edgeTarget[seeds.edges[i]];
      if ((state[node] & SETTLED) !== 0 || level[node] === 0) continue;
      if (hops.excluded !== undefined && hops.excluded[node] === 1) continue;
      level[node] = 0;
      parentEdge[node] = seeds.edges[i];
      state[node] = seeds.ranks[i];
      push(0, node);
    }
    for (let current = 0; lengths[0] + lengths[1] + lengths[2] > 0; current++) {
      const slot = current % 3;
      for (let i = 0; i < lengths[slot]; i++) {
        const node = lists[slot][i];
        if ((state[node] & SETTLED) !== 0 || level[node] !== current) continue;
        state[node] |= settled;
        if (node === target) return true;
        const end = firstEdge[node + 1];
        for (let edge = firstEdge[node]; edge < end; edge++) {
          const child = edgeTarget[edge];
          if ((state[child] & SETTLED) !== 0) continue;
          const cost = hops.cost(node, edge);
          if (cost === SKIP) continue;
          const childLevel = current + cost;
          if (level[child] <= childLevel) continue;
          level[child] = childLevel;
          parentEdge[child] = edge;
          state[child] = 0;
          push(childLevel % 3, child);
        }
      }
      lengths[slot] = 0;
    }
    return false;
  };

  if (run(firstSeeds(graph, hops.names), SETTLED)) return { parentEdge, state };
  if (run(promiseSeeds(graph, hops.names), SETTLED)) return { parentEdge, state };
  run(lastResortSeeds(graph), SETTLED | LAST_RESORT);
  return { parentEdge, state };
}

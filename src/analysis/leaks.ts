import type { HeapGraph } from '../snapshot/heapGraph.js';
import { hasId } from './idSets.js';

/**
 * memlab's find-leaks idea: the objects allocated between a baseline and a target snapshot
 * (ids in target, not in baseline) that are still alive in a final one. Ids are stable only
 * within one process, so the three snapshots must come from the same one.
 */
export function allocatedBetween(baselineIds: Uint32Array, targetIds: Uint32Array): Uint32Array {
  const out: number[] = [];
  for (const id of targetIds) if (!hasId(baselineIds, id)) out.push(id);
  return Uint32Array.from(out);
}

/** The ordinals, in the final snapshot, of the objects whose ids are in `candidates` (sorted). */
export function stillAlive(final: HeapGraph, candidates: Uint32Array): Uint32Array {
  const out: number[] = [];
  for (let node = 0; node < final.nodeCount; node++)
    if (hasId(candidates, final.nodeId[node])) out.push(node);
  return Uint32Array.from(out);
}

import { createReadStream } from 'node:fs';
import { parse } from 'heap-snapshot-toolkit';

/** One class of DevTools' Summary view (aggregatesWithFilter): only objects with a self size are counted. */
export interface DevToolsAggregate {
  name: string;
  count: number;
  self: number;
  maxRet: number;
}

/** One function of DevTools' Allocation view (its trace tops): the live objects it allocated. */
export interface DevToolsAllocationTop {
  name: string;
  scriptName: string;
  line: number;
  column: number;
  liveCount: number;
  liveSize: number;
}

/** A class in DevTools' Comparison view. */
export interface DevToolsClassDiff {
  name: string;
  addedCount: number;
  removedCount: number;
  countDelta: number;
  sizeDelta: number;
}

/** The parts of DevTools' own heap model (heap-snapshot-toolkit) these tests compare with. */
export interface DevToolsSnapshot {
  nodeCount: number;
  retainedSizes: Float64Array;
  aggregatesWithFilter(filter: object): Record<string, DevToolsAggregate>;
  allocationTracesTops(): DevToolsAllocationTop[];
}

/** Reads a snapshot with DevTools' code, as the Memory panel would. */
export async function devToolsSnapshot(path: string): Promise<DevToolsSnapshot> {
  return (await parse(createReadStream(path, 'utf-8'))) as unknown as DevToolsSnapshot;
}

/**
 * DevTools' class aggregates, merged by class name (as heapdot merges them), with how many of
 * DevTools' class keys each name had (DevTools tells same-named constructors apart by location).
 */
export function devToolsClasses(
  snapshot: DevToolsSnapshot,
): Map<string, DevToolsAggregate & { keys: number }> {
  const byName = new Map<string, DevToolsAggregate & { keys: number }>();
  for (const aggregate of Object.values(snapshot.aggregatesWithFilter({}))) {
    const seen = byName.get(aggregate.name);
    if (!seen) byName.set(aggregate.name, { ...aggregate, keys: 1 });
    else {
      seen.count += aggregate.count;
      seen.self += aggregate.self;
      seen.maxRet += aggregate.maxRet;
      seen.keys++;
    }
  }
  return byName;
}

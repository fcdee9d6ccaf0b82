import type { HeapGraph, InterfaceDefinition } from '../index.js';
import type { CliIO } from './io.js';
import { loadSnapshot } from './load.js';
import type { CommonOptions } from './options.js';

/**
 * Reads snapshots one at a time, each reduced by `reduce` before the next is read (one graph is
 * held at a time), and returns the results in the order of `paths`. The last is read first, and
 * the others' plain objects take its interface names (as DevTools' Comparison view names both sides
 * after the snapshot being viewed), so a class is one row across the series.
 */
export async function reduceSeries<T>(
  paths: readonly string[],
  io: CliIO,
  options: Pick<CommonOptions, 'progress' | 'quiet'>,
  reduce: (graph: HeapGraph) => T,
): Promise<T[]> {
  const read = async (path: string, interfaces?: InterfaceDefinition[]) => {
    const graph = await loadSnapshot(path, io, options);
    if (interfaces) graph.useInterfaceDefinitions(interfaces);
    return { result: reduce(graph), interfaces: graph.interfaceNames().definitions };
  };
  const last = await read(paths[paths.length - 1]);
  const results: T[] = [];
  for (const path of paths.slice(0, -1)) results.push((await read(path, last.interfaces)).result);
  results.push(last.result);
  return results;
}

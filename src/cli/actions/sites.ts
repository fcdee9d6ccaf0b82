import {
  type AllocationSites,
  type AllocationSitesOptions,
  allocationSites,
  type HeapGraph,
  type SiteOrder,
  sitesToCsv,
  sitesToJson,
  sitesToText,
} from '../../index.js';
import type { Renderers } from '../../output/formats.js';
import { NotFoundError, UsageError } from '../errors.js';
import type { CliIO } from '../io.js';
import type { AllOption, CommonOptions } from '../options.js';
import { sizesShown } from '../sizesShown.js';

export interface SitesCliOptions extends CommonOptions, AllOption {
  stack?: boolean;
  depth?: number;
  class?: string;
  sort: SiteOrder;
  limit: number;
  retained?: boolean;
}

/** What to do when a snapshot was taken without allocation tracking. */
function noAllocationStacks(snapshot: string): string {
  return `${snapshot} has no allocation stacks (it was taken without allocation tracking); take one with: heapdot capture --track-allocations -o FILE -- node app.js, or run node --track-heap-objects app.js and call v8.writeHeapSnapshot()`;
}

/** The snapshot's allocation sites as the options ask; a usage error without stacks, not found for an absent --class. */
export function sitesOfSnapshot(
  graph: HeapGraph,
  snapshot: string,
  io: CliIO,
  options: SitesCliOptions,
): AllocationSites {
  if (graph.allocationTraces === undefined) throw new UsageError(noAllocationStacks(snapshot));
  const result = allocationSites(graph, sitesOptions(options, graph, io));
  if (options.class !== undefined && result.traced.count + result.untraced.count === 0)
    throw new NotFoundError(`no object of class ${options.class} in ${snapshot}`);
  return result;
}

/** The one place the command's options become the library's. */
function sitesOptions(options: SitesCliOptions, graph: HeapGraph, io: CliIO): AllocationSitesOptions {
  const retained = options.retained || options.sort === 'retained';
  return {
    view: options.stack || options.depth !== undefined ? 'stack' : 'line',
    depth: options.depth,
    className: options.class,
    all: options.all,
    sort: options.sort,
    limit: options.limit,
    sizes: retained ? sizesShown(graph, io, options) : undefined,
  };
}

export function sitesRenderers(result: AllocationSites): Renderers {
  return { text: () => sitesToText(result), json: () => sitesToJson(result), csv: () => sitesToCsv(result) };
}

import {
  type AllocationSites,
  type AllocationSitesGrowth,
  type AllocationSitesOptions,
  allocationSiteGrowth,
  allocationSites,
  checkIds,
  diffSide,
  type HeapGraph,
  type IdClasses,
  idCheckText,
  type SiteOrder,
  sitesGrowthToCsv,
  sitesGrowthToJson,
  sitesGrowthToText,
  sitesToCsv,
  sitesToJson,
  sitesToText,
} from '../../index.js';
import type { Renderers } from '../../output/formats.js';
import { NotFoundError, UsageError } from '../errors.js';
import type { CliIO } from '../io.js';
import { loadSnapshot } from '../load.js';
import type { AllOption, CommonOptions } from '../options.js';
import { reduceSeries } from '../series.js';
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

/**
 * Each site's growth from the earlier snapshot to the later (tracemalloc's compare_to): every
 * site of each, one graph held at a time (reduceSeries), matched by frames. Both must carry
 * allocation stacks and number their objects alike (one process); retained sizes are not compared.
 */
export async function sitesGrowthOfFiles(
  beforePath: string,
  afterPath: string,
  io: CliIO,
  options: SitesCliOptions,
): Promise<AllocationSitesGrowth> {
  if (options.retained || options.sort === 'retained')
    throw new UsageError(
      'sites BEFORE AFTER compares object counts and self sizes; --retained and --sort retained take one snapshot',
    );
  const [before, after] = await reduceSeries([beforePath, afterPath], io, options, (graph) => {
    if (graph.allocationTraces === undefined) throw new UsageError(noAllocationStacks(graph.file));
    const { ids, classOfId, classNames } = diffSide(graph);
    const numbering: IdClasses = { ids, classOfId, classNames };
    const all = { limit: Number.POSITIVE_INFINITY, topClasses: Number.POSITIVE_INFINITY };
    return { numbering, sites: allocationSites(graph, { ...sitesOptions(options, graph, io), ...all }) };
  });
  const mismatch = idCheckText(checkIds(before.numbering, after.numbering), beforePath, afterPath);
  if (mismatch) throw new UsageError(`sites BEFORE AFTER needs two snapshots of one process: ${mismatch}`);
  const objects = (sites: AllocationSites) => sites.traced.count + sites.untraced.count;
  if (options.class !== undefined && objects(before.sites) + objects(after.sites) === 0)
    throw new NotFoundError(`no object of class ${options.class} in ${beforePath} or ${afterPath}`);
  return allocationSiteGrowth(
    { name: beforePath, sites: before.sites },
    { name: afterPath, sites: after.sites },
    { sort: options.sort === 'size' ? 'size' : 'count', limit: options.limit },
  );
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

/** `sites SNAP`, or with a later snapshot `sites BEFORE AFTER`, in its forms. */
export async function sitesOfFiles(
  inputs: string[],
  io: CliIO,
  options: SitesCliOptions,
): Promise<Renderers> {
  if (inputs.length === 2) {
    const growth = await sitesGrowthOfFiles(inputs[0], inputs[1], io, options);
    return {
      text: () => sitesGrowthToText(growth),
      json: () => sitesGrowthToJson(growth),
      csv: () => sitesGrowthToCsv(growth),
    };
  }
  const result = sitesOfSnapshot(await loadSnapshot(inputs[0], io, options), inputs[0], io, options);
  return { text: () => sitesToText(result), json: () => sitesToJson(result), csv: () => sitesToCsv(result) };
}

import { Command, Option } from 'commander';
import {
  type AllocationSitesOptions,
  allocationSites,
  dominatorTree,
  type SiteOrder,
  sitesToCsv,
  sitesToJson,
  sitesToText,
} from '../../index.js';
import { dominatorsShown } from '../dominatorsProgress.js';
import { emit, planOutputs } from '../emit.js';
import { NotFoundError, UsageError } from '../errors.js';
import type { CliIO } from '../io.js';
import { loadSnapshot } from '../load.js';
import {
  type AllOption,
  addAllOption,
  addCommonOptions,
  addRetainedOption,
  type CommonOptions,
  SNAPSHOT_ARGUMENT,
  wholeNumber,
} from '../options.js';

interface SitesCliOptions extends CommonOptions, AllOption {
  stack?: boolean;
  depth?: number;
  class?: string;
  sort: SiteOrder;
  limit: number;
  retained?: boolean;
}

const FORMATS = ['text', 'json', 'csv'] as const;

/** What to do when a snapshot was taken without allocation tracking. */
export function noAllocationStacks(snapshot: string): string {
  return `${snapshot} has no allocation stacks (it was taken without allocation tracking); take one with: heapdot capture --track-allocations -o FILE -- node app.js, or run node --track-heap-objects app.js and call v8.writeHeapSnapshot()`;
}

export function sitesCommand(io: CliIO): Command {
  const command = new Command('sites')
    .description(
      'live objects grouped by the place that allocated them: file:line of the allocating function, or whole stacks (tracemalloc for V8; needs a snapshot taken with allocation tracking)',
    )
    .argument(...SNAPSHOT_ARGUMENT)
    .option('--stack', 'group by whole allocation stacks (innermost frame first), not by file:line')
    .option('--depth <n>', 'with --stack: group by the innermost N frames (implies --stack)', wholeNumber(1))
    .option('--class <name>', 'only objects of this class (DevTools class name)')
    .addOption(
      new Option(
        '--sort <by>',
        'order by object count, self size or retained size (retained turns on --retained)',
      )
        .choices(['count', 'size', 'retained'])
        .default('count'),
    )
    .option('--limit <n>', 'list the first N sites', wholeNumber(1), 20);
  addRetainedOption(command);
  addAllOption(command);
  addCommonOptions(command, FORMATS);
  return command.action(async (snapshot: string, options: SitesCliOptions) => {
    const destinations = await planOutputs(options, FORMATS, [snapshot]);
    const graph = await loadSnapshot(snapshot, io, options);
    if (graph.allocationTraces === undefined) throw new UsageError(noAllocationStacks(snapshot));
    const result = allocationSites(graph, sitesOptions(options, graph, io));
    if (options.class !== undefined && result.traced.count + result.untraced.count === 0)
      throw new NotFoundError(`no object of class ${options.class} in ${snapshot}`);
    await emit(
      io,
      destinations,
      { text: () => sitesToText(result), json: () => sitesToJson(result), csv: () => sitesToCsv(result) },
      options.quiet,
    );
  });
}

/** The one place the command's options become the library's. */
function sitesOptions(
  options: SitesCliOptions,
  graph: Parameters<typeof allocationSites>[0],
  io: CliIO,
): AllocationSitesOptions {
  let sizes: AllocationSitesOptions['sizes'];
  if (options.retained || options.sort === 'retained') {
    const dominators = dominatorsShown(graph, io, options);
    sizes = { dominators, tree: dominatorTree(graph, dominators) };
  }
  return {
    view: options.stack || options.depth !== undefined ? 'stack' : 'line',
    depth: options.depth,
    className: options.class,
    all: options.all,
    sort: options.sort,
    limit: options.limit,
    sizes,
  };
}

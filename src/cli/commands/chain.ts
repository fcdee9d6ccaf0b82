import { Command } from 'commander';
import {
  CHAIN_MAX_NODES,
  chainToDot,
  chainToJson,
  chainToMarkdown,
  chainToMermaid,
  chainToText,
  chainView,
  computeDistances,
  type DistancesOptions,
  matchTarget,
  mergeChains,
  neighbourhoodView,
  notFoundNote,
  type Pick,
  parseTarget,
  retainerChain,
  selectTarget,
  shortestChains,
  userChain,
} from '../../index.js';
import { dominatorsShown } from '../analysis.js';
import { emit, planOutputs } from '../emit.js';
import { NotFoundError } from '../errors.js';
import type { CliIO } from '../io.js';
import { loadSnapshot } from '../load.js';
import { neighbourhoodRenderers } from '../neighbourhoodCommand.js';
import { noMatch } from '../noMatch.js';
import {
  addCommonOptions,
  addPickOption,
  addRawOption,
  addRetainedOption,
  type CommonOptions,
  type RawOption,
  wholeNumber,
} from '../options.js';

interface ChainOptions extends CommonOptions, RawOption {
  pick: Pick;
  paths: number;
  maxNodes: number;
  retained?: boolean;
}

const FORMATS = ['text', 'dot', 'markdown', 'mermaid', 'json'] as const;
/** Merged chains (--paths) are a graph: drawn, listed or dumped, not tabulated. */
const PATHS_FORMATS = ['text', 'dot', 'json'] as const;

export function chainCommand(io: CliIO): Command {
  const command = new Command('chain')
    .description('the shortest retainer chain from a GC root to the target: why is it still alive?')
    .argument('<snapshot>', 'a .heapsnapshot file, gzip or not, or - for standard input')
    .argument('<target>', '@id, a class name, /regex/ or string:TEXT');
  addPickOption(command);
  command.option(
    '--paths <k>',
    'up to K shortest chains through different retainers, merged into one picture (text, dot, json)',
    wholeNumber(1),
    1,
  );
  command.option(
    '--max-nodes <n>',
    'draw a longer chain as its first and last boxes and one box for the rest',
    wholeNumber(3),
    CHAIN_MAX_NODES,
  );
  addRetainedOption(command);
  addRawOption(command);
  addCommonOptions(command, FORMATS);
  return command.action(async (snapshot: string, target: string, options: ChainOptions) => {
    const spec = parseTarget(target);
    const formats = options.paths > 1 ? PATHS_FORMATS : FORMATS;
    const destinations = await planOutputs(options, formats, [snapshot]);
    const graph = await loadSnapshot(snapshot, io, options);
    const matches = matchTarget(graph, spec);
    const distances = computeDistances(graph, distancesOptions(options, matches, io));
    const dominators =
      options.retained || options.pick.kind === 'largest' ? dominatorsShown(graph, io, options) : undefined;
    const { count, chosen } = selectTarget(graph, distances, spec, {
      pick: options.pick,
      retainedSize: dominators?.retainedSize,
      matches,
    });
    if (count === 0) throw noMatch(graph, snapshot, target, spec);
    if (chosen === undefined) throw new NotFoundError(`${snapshot}: only ${count} objects match ${target}`);
    if (count > 1 && !options.quiet) {
      const which =
        options.pick.kind === 'nth'
          ? `number ${options.pick.n}`
          : options.pick.kind === 'largest'
            ? 'the largest'
            : 'the nearest';
      io.stderr.write(
        `${count} objects match ${target}; showing ${which}, @${graph.nodeId[chosen]} (choose with --pick N; list them with heapdot find)\n`,
      );
    }
    const chain = retainerChain(graph, distances, chosen);
    if (options.paths > 1 && chain.kind === 'found') {
      const merged = mergeChains(shortestChains(graph, distances, chosen, options.paths), chosen);
      const view = neighbourhoodView(graph, distances, merged, 'paths', snapshot, dominators);
      await emit(io, destinations, neighbourhoodRenderers(view), options.quiet);
      return;
    }
    const view = chainView(graph, distances, chosen, chain, snapshot, dominators);
    if (!options.raw && chain.kind === 'found') view.user = userChain(graph, chosen, dominators);
    await emit(
      io,
      destinations,
      {
        text: ({ color }) => chainToText(view, { color }),
        dot: () => chainToDot(view, { maxNodes: options.maxNodes }),
        markdown: () => chainToMarkdown(view),
        mermaid: () => chainToMermaid(view),
        json: () => chainToJson(view),
      },
      options.quiet,
    );
    if (chain.kind === 'not-found')
      throw new NotFoundError(`@${view.target.id}: ${notFoundNote(chain.reason)}`);
  });
}

/**
 * One chain to the nearest match needs distances only as far as that match's level: the search
 * stops there. HEAPDOT_FULL_DISTANCES=1 makes it search the whole graph (tests compare the two).
 */
function distancesOptions(options: ChainOptions, matches: Uint32Array, io: CliIO): DistancesOptions {
  const nearestOnly = options.pick.kind === 'nearest' && options.paths === 1 && !options.retained;
  return nearestOnly && io.env.HEAPDOT_FULL_DISTANCES !== '1' ? { nearestOf: matches } : {};
}

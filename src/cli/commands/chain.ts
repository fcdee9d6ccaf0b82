import { Command } from 'commander';
import {
  CHAIN_MAX_NODES,
  chainRenderers,
  chainView,
  computeDistances,
  type DistancesOptions,
  leftOutNote,
  matchTarget,
  mergeChains,
  neighbourhoodRenderers,
  neighbourhoodView,
  notFoundNote,
  type Pick,
  parseTarget,
  pickAnchored,
  retainerChain,
  selectTarget,
  shortestChains,
  type UserView,
  userChain,
  userView,
} from '../../index.js';
import { dominatorsShown } from '../analysis.js';
import { emit, planOutputs } from '../emit.js';
import { NotFoundError } from '../errors.js';
import type { CliIO } from '../io.js';
import { leftOutOf } from '../leftOut.js';
import { loadSnapshot } from '../load.js';
import { noMatch } from '../noMatch.js';
import {
  addCommonOptions,
  addExclusionOptions,
  addPickOption,
  addRawOption,
  addRetainedOption,
  type CommonOptions,
  type ExclusionCliOptions,
  type RawOption,
  wholeNumber,
} from '../options.js';

interface ChainOptions extends CommonOptions, RawOption, ExclusionCliOptions {
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
  addExclusionOptions(command);
  addRawOption(command);
  addCommonOptions(command, FORMATS);
  return command.action(async (snapshot: string, target: string, options: ChainOptions) => {
    const spec = parseTarget(target);
    const formats = options.paths > 1 ? PATHS_FORMATS : FORMATS;
    const destinations = await planOutputs(options, formats, [snapshot]);
    const graph = await loadSnapshot(snapshot, io, options);
    const matches = matchTarget(graph, spec);
    const leftOut = leftOutOf(graph, options, matches, snapshot);
    const excluded = leftOut?.mask;
    let distances = computeDistances(graph, { ...distancesOptions(options, matches, io), excluded });
    const dominators =
      options.retained || options.pick.kind === 'largest' ? dominatorsShown(graph, io, options) : undefined;
    const selection = selectTarget(graph, distances, spec, {
      pick: options.pick,
      retainedSize: dominators?.retainedSize,
      matches,
    });
    const { count } = selection;
    let chosen = selection.chosen;
    if (count === 0) throw noMatch(graph, snapshot, target, spec);
    if (chosen === undefined) throw new NotFoundError(`${snapshot}: only ${count} objects match ${target}`);
    // One search of the user view serves the pick and the chain.
    let searched: UserView | undefined;
    let passedOver = 0;
    if (!options.raw && options.paths === 1) {
      if (options.pick.kind === 'nearest') {
        const pick = pickAnchored(graph, matches, chosen, distances, excluded);
        ({ chosen, distances, passedOver } = pick);
        searched = pick.view;
      } else searched = userView(graph, { target: chosen, excluded });
    }
    if (count > 1 && !options.quiet) {
      const which =
        options.pick.kind === 'nth'
          ? `number ${options.pick.n}`
          : options.pick.kind === 'largest'
            ? 'the largest'
            : passedOver > 0
              ? `the nearest of those an anchor other than the stack or native handles holds (${passedOver} passed over)`
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
    if (searched && chain.kind === 'found') view.user = userChain(graph, chosen, dominators, searched);
    if (leftOut) view.leftOut = { ids: leftOut.ids, pattern: leftOut.pattern, count: leftOut.count };
    await emit(io, destinations, chainRenderers(view, { maxNodes: options.maxNodes }), options.quiet);
    if (chain.kind === 'not-found')
      throw new NotFoundError(
        leftOut
          ? `@${view.target.id}: nothing but the retainers left out holds it (${leftOutNote(leftOut)})`
          : `@${view.target.id}: ${notFoundNote(chain.reason)}`,
      );
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

import { Command } from 'commander';
import {
  computeDistances,
  dominatorsToDot,
  dominatorsToJson,
  dominatorsToText,
  dominatorsView,
  type Pick,
  parseTarget,
  selectTarget,
} from '../../index.js';
import { dominatorsShown } from '../analysis.js';
import { emit, planOutputs } from '../emit.js';
import { NotFoundError } from '../errors.js';
import type { CliIO } from '../io.js';
import { loadSnapshot } from '../load.js';
import { noMatch } from '../noMatch.js';
import { addCommonOptions, addPickOption, type CommonOptions, wholeNumber } from '../options.js';

interface DominatorsOptions extends CommonOptions {
  pick: Pick;
  depth: number;
  tooMany: number;
}

const FORMATS = ['text', 'dot', 'json'] as const;

export function dominatorsCommand(io: CliIO): Command {
  const command = new Command('dominators')
    .description(
      'the objects whose release would free the target (its dominators), and what it alone keeps alive',
    )
    .argument('<snapshot>', 'a .heapsnapshot file, gzip or not, or - for standard input')
    .argument('<target>', '@id, a class name, /regex/ or string:TEXT')
    .option('--depth <n>', "also show the target's dominated subtree, N levels deep", wholeNumber(0), 0)
    .option('--too-many <n>', 'children shown per node, largest retained size first', wholeNumber(1), 10);
  addPickOption(command);
  addCommonOptions(command, FORMATS);
  return command.action(async (snapshot: string, target: string, options: DominatorsOptions) => {
    const spec = parseTarget(target);
    const destinations = await planOutputs(options, FORMATS, [snapshot]);
    const graph = await loadSnapshot(snapshot, io, options);
    const distances = computeDistances(graph);
    const dominators = dominatorsShown(graph, io, options);
    const { count, chosen } = selectTarget(graph, distances, spec, {
      pick: options.pick,
      retainedSize: dominators.retainedSize,
    });
    if (count === 0) throw noMatch(graph, snapshot, target, spec);
    if (chosen === undefined) throw new NotFoundError(`${snapshot}: only ${count} objects match ${target}`);
    if (count > 1 && !options.quiet)
      io.stderr.write(`${count} objects match ${target}; showing @${graph.nodeId[chosen]}\n`);
    const view = dominatorsView(graph, distances, dominators, chosen, snapshot, {
      depth: options.depth,
      tooMany: options.tooMany,
    });
    const renderers = {
      text: ({ color }: { color: boolean }) => dominatorsToText(view, { color }),
      dot: () => dominatorsToDot(view),
      json: () => dominatorsToJson(view),
    };
    await emit(io, destinations, renderers, options.quiet);
  });
}

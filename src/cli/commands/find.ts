import { Command } from 'commander';
import { computeDistances, matchesToText, nodeSummary, parseTarget, selectTarget } from '../../index.js';
import { dominatorsShown } from '../analysis.js';
import { emit, planOutputs } from '../emit.js';
import { NotFoundError } from '../errors.js';
import type { CliIO } from '../io.js';
import { loadSnapshot } from '../load.js';
import { addCommonOptions, type CommonOptions, wholeNumber } from '../options.js';

interface FindOptions extends CommonOptions {
  limit: number;
}

const FORMATS = ['text', 'json'] as const;

export function findCommand(io: CliIO): Command {
  const command = new Command('find')
    .description('the objects a target matches, nearest first: id, class, sizes, distance')
    .argument('<snapshot>', 'a .heapsnapshot file, gzip or not, or - for standard input')
    .argument('<target>', '@id, a class name, /regex/ or string:TEXT')
    .option('--limit <n>', 'list at most N matches', wholeNumber(1), 50);
  addCommonOptions(command, FORMATS);
  return command.action(async (snapshot: string, target: string, options: FindOptions) => {
    const spec = parseTarget(target);
    const destinations = await planOutputs(options, FORMATS, [snapshot]);
    const graph = await loadSnapshot(snapshot, io, options);
    const distances = computeDistances(graph);
    const dominators = dominatorsShown(graph, io, options);
    const { count, nearest } = selectTarget(graph, distances, spec, { limit: options.limit });
    if (count === 0) throw new NotFoundError(`${snapshot}: no object matches ${target}`);
    const shown = Array.from(nearest, (node) => nodeSummary(graph, node, distances, dominators));
    await emit(
      io,
      destinations,
      { text: () => matchesToText(shown, count), json: () => `${JSON.stringify(shown, null, 2)}\n` },
      options.quiet,
    );
  });
}

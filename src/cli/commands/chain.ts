import { Command } from 'commander';
import { CHAIN_MAX_NODES } from '../../index.js';
import { type ChainOptions, chainAnswerRenderers, chainOfSnapshot, refuseNoChain } from '../actions/chain.js';
import { emit, planOutputs } from '../emit.js';
import type { CliIO } from '../io.js';
import { loadSnapshot } from '../load.js';
import {
  addCommonOptions,
  addExclusionOptions,
  addPickOption,
  addRawOption,
  addRetainedOption,
  SNAPSHOT_ARGUMENT,
  TARGET_ARGUMENT,
  wholeNumber,
} from '../options.js';
import { nameTarget } from '../target.js';

const FORMATS = ['text', 'dot', 'markdown', 'mermaid', 'json'] as const;
/** Merged chains (--paths) are a graph: drawn, listed or dumped, not tabulated. */
const PATHS_FORMATS = ['text', 'dot', 'json'] as const;

export function chainCommand(io: CliIO): Command {
  const command = new Command('chain').description(
    'the shortest retainer chain from a GC root to the target: why is it still alive?',
  );
  command.argument(...SNAPSHOT_ARGUMENT).argument(...TARGET_ARGUMENT);
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
  return command.action(async (snapshot: string, text: string, options: ChainOptions) => {
    const target = nameTarget(snapshot, text);
    const destinations = await planOutputs(options, options.paths > 1 ? PATHS_FORMATS : FORMATS, [snapshot]);
    const graph = await loadSnapshot(snapshot, io, options);
    const { answer, chosen } = chainOfSnapshot(graph, target, io, options);
    await emit(io, destinations, chainAnswerRenderers(answer, options.maxNodes), options.quiet);
    refuseNoChain(answer, chosen);
  });
}

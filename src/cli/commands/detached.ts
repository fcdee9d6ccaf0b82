import { Command } from 'commander';
import { detachedRenderers } from '../../index.js';
import { type DetachedOptions, detachedOfSnapshot } from '../actions/detached.js';
import { emit, planOutputs } from '../emit.js';
import type { CliIO } from '../io.js';
import { loadSnapshot } from '../load.js';
import { addCommonOptions, SNAPSHOT_ARGUMENT, wholeNumber } from '../options.js';

const FORMATS = ['text', 'markdown', 'json', 'dot'] as const;

export function detachedCommand(io: CliIO): Command {
  const command = new Command('detached')
    .description(
      "a page's detached DOM trees: each tree's element, node count and retained size, and the JavaScript that holds it",
    )
    .argument(...SNAPSHOT_ARGUMENT)
    .option(
      '--limit <n>',
      'describe (and draw) the N largest trees; totals count them all',
      wholeNumber(1),
      10,
    );
  addCommonOptions(command, FORMATS);
  return command.action(async (snapshot: string, options: DetachedOptions) => {
    const destinations = await planOutputs(options, FORMATS, [snapshot]);
    const view = detachedOfSnapshot(await loadSnapshot(snapshot, io, options), io, options);
    await emit(io, destinations, detachedRenderers(view), options.quiet);
  });
}

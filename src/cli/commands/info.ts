import { Command } from 'commander';
import { infoToText, snapshotInfo } from '../../index.js';
import { emit } from '../emit.js';
import type { CliIO } from '../io.js';
import { loadSnapshot } from '../load.js';
import { addCommonOptions, type CommonOptions } from '../options.js';

export function infoCommand(io: CliIO): Command {
  const command = new Command('info')
    .description('format variant, counts, roots, totals and the most common classes of a snapshot')
    .argument('<snapshot>', 'a .heapsnapshot file, gzip or not, or - for standard input');
  addCommonOptions(command, ['text', 'json']);
  return command.action(async (snapshot: string, options: CommonOptions) => {
    const graph = await loadSnapshot(snapshot, io, options);
    const info = snapshotInfo(graph);
    await emit(
      io,
      options,
      { text: () => infoToText(info), json: () => `${JSON.stringify(info, null, 2)}\n` },
      [snapshot],
    );
  });
}

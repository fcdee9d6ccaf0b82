import { Command } from 'commander';
import { infoToJson, infoToText, snapshotInfo } from '../../index.js';
import { emit, planOutputs } from '../emit.js';
import type { CliIO } from '../io.js';
import { loadSnapshot } from '../load.js';
import { addCommonOptions, type CommonOptions, SNAPSHOT_ARGUMENT } from '../options.js';

const FORMATS = ['text', 'json'] as const;

export function infoCommand(io: CliIO): Command {
  const command = new Command('info')
    .description('format variant, counts, roots, totals and the most common classes of a snapshot')
    .argument(...SNAPSHOT_ARGUMENT);
  addCommonOptions(command, FORMATS);
  return command.action(async (snapshot: string, options: CommonOptions) => {
    const destinations = await planOutputs(options, FORMATS, [snapshot]);
    const graph = await loadSnapshot(snapshot, io, options);
    const info = snapshotInfo(graph);
    await emit(
      io,
      destinations,
      { text: () => infoToText(info), json: () => infoToJson(info) },
      options.quiet,
    );
  });
}

import { Command } from 'commander';
import { leakPictureOutputs, leaksRenderers, leaksView, outputsOf, planFolder } from '../../index.js';
import { emitOutputs, planOutputs } from '../emit.js';
import type { CliIO } from '../io.js';
import {
  type AllOption,
  addAllOption,
  addCommonOptions,
  addRawOption,
  type CommonOptions,
  type RawOption,
  wholeNumber,
} from '../options.js';
import { readLeaks } from '../readLeaks.js';

interface LeaksOptions extends CommonOptions, AllOption, RawOption {
  top: number;
  outDir?: string;
}

const FORMATS = ['text', 'json'] as const;

export function leaksCommand(io: CliIO): Command {
  const command = new Command('leaks')
    .description(
      'objects allocated between baseline and target that are still alive in final, by class and by path',
    )
    .argument('<baseline>', 'a snapshot before the action')
    .argument('<target>', 'a snapshot after the action')
    .argument('<final>', 'a snapshot after the action was undone (the leaks are what is left)')
    .option('--top <n>', 'groups to list', wholeNumber(1), 10)
    .option(
      '--out-dir <dir>',
      "write the user chain of each top group's first object there (chain-<n>-<class>.dot and .png; with --raw, DevTools' chain of each class's nearest, chain-<class>)",
    );
  addAllOption(command);
  addRawOption(command);
  addCommonOptions(command, FORMATS);
  return command.action(async (baseline: string, target: string, final: string, options: LeaksOptions) => {
    const series = { baseline, target, final };
    const protect = [baseline, target, final];
    const destinations = await planOutputs(options, FORMATS, protect);
    if (options.outDir) await planFolder(options.outDir, { image: 'png', protect });
    const view = leaksView(await readLeaks(io, series, options), series, options);
    const outputs = outputsOf(destinations, leaksRenderers(view));
    if (options.outDir) outputs.push(...leakPictureOutputs(view, options.outDir));
    await emitOutputs(io, outputs, { quiet: options.quiet, protect });
  });
}

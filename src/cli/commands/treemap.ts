import { Command } from 'commander';
import { TREEMAP_DEFAULTS, TREEMAP_SIZE } from '../../index.js';
import { type TreemapCliOptions, treemapRenderers } from '../actions/treemap.js';
import { emit, planOutputs } from '../emit.js';
import type { CliIO } from '../io.js';
import { loadSnapshot } from '../load.js';
import {
  addAllOption,
  addCommonOptions,
  addPickOption,
  optionalTarget,
  percent,
  SNAPSHOT_ARGUMENT,
  wholeNumber,
} from '../options.js';
import { nameTarget } from '../target.js';

/** The treemap draws its own SVG; PNG is made from it. */
const FORMATS = ['text', 'json', 'svg'] as const;

export function treemapCommand(io: CliIO): Command {
  const command = new Command('treemap').description(
    'the dominator tree of the root (or of the target) as a treemap: boxes sized by retained size',
  );
  command
    .argument(...SNAPSHOT_ARGUMENT)
    .argument(...optionalTarget('the whole heap'))
    .option(
      '--depth <n>',
      'how many levels of dominated objects to draw',
      wholeNumber(1),
      TREEMAP_DEFAULTS.depth,
    )
    .option(
      '--min-percent <p>',
      "merge objects retaining less than P% of the picture's root into one box",
      percent,
      TREEMAP_DEFAULTS.minShare * 100,
    )
    .option('--width <px>', 'picture width', wholeNumber(100), TREEMAP_SIZE.width)
    .option('--height <px>', 'picture height', wholeNumber(100), TREEMAP_SIZE.height);
  addPickOption(command);
  addAllOption(command);
  addCommonOptions(command, FORMATS);
  return command.action(async (snapshot: string, text: string | undefined, options: TreemapCliOptions) => {
    const target = text === undefined ? undefined : nameTarget(snapshot, text);
    const destinations = await planOutputs(options, FORMATS, [snapshot]);
    const graph = await loadSnapshot(snapshot, io, options);
    await emit(io, destinations, treemapRenderers(graph, snapshot, target, io, options), options.quiet);
  });
}

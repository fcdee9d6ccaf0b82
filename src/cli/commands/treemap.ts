import { Command } from 'commander';
import {
  type Pick,
  TREEMAP_DEFAULTS,
  TREEMAP_SIZE,
  treemapPicture,
  treemapToJson,
  treemapToSvg,
  treemapToText,
} from '../../index.js';
import { dominatorsShown } from '../dominatorsProgress.js';
import { emit, planOutputs } from '../emit.js';
import type { CliIO } from '../io.js';
import { loadSnapshot } from '../load.js';
import {
  type AllOption,
  addAllOption,
  addCommonOptions,
  addPickOption,
  type CommonOptions,
  optionalTarget,
  percent,
  SNAPSHOT_ARGUMENT,
  wholeNumber,
} from '../options.js';
import { chooseNamedTarget, nameTarget } from '../target.js';

interface TreemapCliOptions extends CommonOptions, AllOption {
  pick: Pick;
  depth: number;
  minPercent: number;
  width: number;
  height: number;
}

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
    const chosen = target && chooseNamedTarget(graph, target, io, options, { user: false, retained: true });
    const dominators = chosen?.dominators ?? dominatorsShown(graph, io, options);
    const picture = treemapPicture(graph, dominators, chosen?.chosen ?? graph.rootOrdinal, {
      depth: options.depth,
      minShare: options.minPercent / 100,
      all: options.all,
      width: options.width,
      height: options.height,
    });
    const root = picture.boxes[0];
    const title = `treemap of ${root.name} @${root.id} in ${snapshot}`;
    const renderers = {
      text: () => treemapToText(picture, { title }),
      json: () => treemapToJson(picture),
      svg: () => treemapToSvg(picture, { title }),
    };
    await emit(io, destinations, renderers, options.quiet);
  });
}

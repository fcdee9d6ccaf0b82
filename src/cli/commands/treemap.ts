import { Command, InvalidArgumentError } from 'commander';
import {
  computeDistances,
  type Dominators,
  dominatorTree,
  type HeapGraph,
  type Pick,
  parseTarget,
  selectTarget,
  TREEMAP_DEFAULTS,
  TREEMAP_SIZE,
  treemapLayout,
  treemapModel,
  treemapToJson,
  treemapToSvg,
  treemapToText,
} from '../../index.js';
import { dominatorsShown } from '../analysis.js';
import { emit, planOutputs } from '../emit.js';
import { NotFoundError } from '../errors.js';
import type { CliIO } from '../io.js';
import { loadSnapshot } from '../load.js';
import { noMatch } from '../noMatch.js';
import { addCommonOptions, addPickOption, type CommonOptions, wholeNumber } from '../options.js';

interface TreemapCliOptions extends CommonOptions {
  pick: Pick;
  depth: number;
  minPercent: number;
  width: number;
  height: number;
}

/** The treemap draws its own SVG; PNG is made from it. */
const FORMATS = ['text', 'json', 'svg'] as const;

export function treemapCommand(io: CliIO): Command {
  const command = new Command('treemap')
    .description(
      'the dominator tree of the root (or of the target) as a treemap: boxes sized by retained size',
    )
    .argument('<snapshot>', 'a .heapsnapshot file, gzip or not, or - for standard input')
    .argument('[target]', '@id, a class name, /regex/ or string:TEXT (default: the whole heap)')
    .option(
      '--depth <n>',
      'how many levels of dominated objects to draw',
      wholeNumber(1),
      TREEMAP_DEFAULTS.depth,
    )
    .option(
      '--min-percent <p>',
      "merge objects retaining less than P% of the picture's root into one box",
      parsePercent,
      TREEMAP_DEFAULTS.minShare * 100,
    )
    .option('--width <px>', 'picture width', wholeNumber(100), TREEMAP_SIZE.width)
    .option('--height <px>', 'picture height', wholeNumber(100), TREEMAP_SIZE.height);
  addPickOption(command);
  addCommonOptions(command, FORMATS);
  return command.action(async (snapshot: string, target: string | undefined, options: TreemapCliOptions) => {
    const spec = target === undefined ? undefined : parseTarget(target);
    const destinations = await planOutputs(options, FORMATS, [snapshot]);
    const graph = await loadSnapshot(snapshot, io, options);
    const dominators = dominatorsShown(graph, io, options);
    const root =
      spec === undefined
        ? graph.rootOrdinal
        : chooseRoot(graph, dominators, spec, target!, snapshot, options, io);
    const tree = dominatorTree(graph, dominators);
    const model = treemapModel(graph, dominators, tree, root, {
      depth: options.depth,
      minShare: options.minPercent / 100,
    });
    const picture = treemapLayout(model, { width: options.width, height: options.height });
    const title = `treemap of ${model.root.name} @${model.root.id} in ${snapshot}`;
    await emit(
      io,
      destinations,
      {
        text: () => treemapToText(picture, { title }),
        json: () => treemapToJson(picture),
        svg: () => treemapToSvg(picture, { title }),
      },
      options.quiet,
    );
  });
}

/** The target's match that --pick chooses; a note on stderr when there were several. */
function chooseRoot(
  graph: HeapGraph,
  dominators: Dominators,
  spec: ReturnType<typeof parseTarget>,
  target: string,
  snapshot: string,
  options: TreemapCliOptions,
  io: CliIO,
): number {
  const distances = computeDistances(graph);
  const { count, chosen } = selectTarget(graph, distances, spec, {
    pick: options.pick,
    retainedSize: dominators.retainedSize,
  });
  if (count === 0) throw noMatch(graph, snapshot, target, spec);
  if (chosen === undefined) throw new NotFoundError(`${snapshot}: only ${count} objects match ${target}`);
  if (count > 1 && !options.quiet) {
    io.stderr.write(
      `${count} objects match ${target}; drawing @${graph.nodeId[chosen]} (choose with --pick)\n`,
    );
  }
  return chosen;
}

function parsePercent(value: string): number {
  const percent = Number(value);
  if (value.trim() === '' || !Number.isFinite(percent) || percent < 0 || percent > 100)
    throw new InvalidArgumentError('use a number from 0 to 100.');
  return percent;
}

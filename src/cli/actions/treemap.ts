import {
  type HeapGraph,
  type Pick,
  type Renderers,
  treemapPicture,
  treemapToJson,
  treemapToSvg,
  treemapToText,
} from '../../index.js';
import { dominatorsShown } from '../dominatorsProgress.js';
import type { CliIO } from '../io.js';
import type { AllOption, CommonOptions } from '../options.js';
import { chooseNamedTarget, type NamedTarget } from '../target.js';

export interface TreemapCliOptions extends CommonOptions, AllOption {
  pick: Pick;
  depth: number;
  minPercent: number;
  width: number;
  height: number;
}

/** The treemap of the target's dominator tree (of the root's without a target), in every form. */
export function treemapRenderers(
  graph: HeapGraph,
  snapshot: string,
  target: NamedTarget | undefined,
  io: CliIO,
  options: TreemapCliOptions,
): Renderers {
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
  return {
    text: () => treemapToText(picture, { title }),
    json: () => treemapToJson(picture),
    svg: () => treemapToSvg(picture, { title }),
  };
}

import {
  type ClassDiffOrder,
  diffSide,
  diffSnapshots,
  diffToCsv,
  diffToJson,
  diffToText,
  idCheckText,
  idsToJson,
  idsToText,
  newObjectIds,
  sortClassDiffs,
} from '../../index.js';
import type { Renderers } from '../../output/formats.js';
import { UsageError } from '../errors.js';
import type { CliIO } from '../io.js';
import type { AllOption, CommonOptions } from '../options.js';
import { rankedClasses } from '../rankings.js';
import { reduceSeries } from '../series.js';
import { sizesShown } from '../sizesShown.js';

export interface DiffOptions extends CommonOptions, AllOption {
  limit: number;
  new?: string;
  sort: ClassDiffOrder;
}

/**
 * The comparison of two snapshots, as the renderers of its forms: the classes (V8's own only with
 * --all) in --sort order, or with --new the ids of one class's new objects. One graph is held at
 * a time (reduceSeries), each reduced to its ids and class totals.
 */
export async function diffRenderersOfFiles(
  beforePath: string,
  afterPath: string,
  io: CliIO,
  options: DiffOptions,
): Promise<Renderers> {
  const retained = options.sort === 'retained' && options.new === undefined;
  const [before, after] = await reduceSeries([beforePath, afterPath], io, options, (graph) =>
    diffSide(graph, { sizes: retained ? sizesShown(graph, io, options) : undefined }),
  );
  const compared = diffSnapshots(before, after);
  const mismatch = idCheckText(compared.idCheck, beforePath, afterPath);
  if (options.new !== undefined) {
    // A list of "new" ids that name other objects would send chain after the wrong ones.
    if (mismatch) throw new UsageError(`diff --new cannot tell new objects: ${mismatch}`);
    const ids = newObjectIds(before, after, options.new);
    return { text: () => idsToText(ids), json: () => idsToJson(ids) };
  }
  if (mismatch && !options.quiet) io.stderr.write(`heapdot diff: ${mismatch}; comparing counts only\n`);
  const classes = rankedClasses(sortClassDiffs(compared.classes, options.sort), options, io, 'diff');
  const diff = { ...compared, classes };
  return {
    text: () => diffToText(diff, options.limit),
    json: () => diffToJson(diff),
    csv: () => diffToCsv(diff),
  };
}

import {
  type ClassDiff,
  type ClassDiffOrder,
  chooseTarget,
  type DiffSide,
  diffSide,
  diffSnapshots,
  diffToCsv,
  diffToJson,
  diffToText,
  type HeapGraph,
  type ImageFormat,
  idCheckText,
  idsToJson,
  idsToText,
  NEIGHBOURHOOD_DEFAULTS,
  newObjectIds,
  sortClassDiffs,
} from '../../index.js';
import type { Renderers } from '../../output/formats.js';
import { classFileNames } from '../../view/fileNames.js';
import { UsageError } from '../errors.js';
import type { CliIO } from '../io.js';
import type { AllOption, CommonOptions } from '../options.js';
import { rankedClasses } from '../rankings.js';
import { reduceSeries } from '../series.js';
import { sizesShown } from '../sizesShown.js';
import { type GraphsOptions, type GraphsPicture, graphsPictures } from './graphs.js';

export interface DiffOptions extends CommonOptions, AllOption {
  limit: number;
  new?: string;
  sort: ClassDiffOrder;
  outDir?: string;
  render?: ImageFormat;
}

/** The comparison in its forms, and with --out-dir the pictures of what grew. */
export interface DiffResult {
  renderers: Renderers;
  /** With --out-dir: backrefs, refs and chain of each growing class's nearest new object. */
  pictures?: GraphsPicture[];
}

/**
 * The comparison of two snapshots, as the renderers of its forms: the classes (V8's own only with
 * --all) in --sort order, or with --new the ids of one class's new objects. Each graph is reduced
 * to its ids and class totals (reduceSeries); with --out-dir the later graph is kept to draw from.
 */
export async function diffOfFiles(
  beforePath: string,
  afterPath: string,
  io: CliIO,
  options: DiffOptions,
): Promise<DiffResult> {
  const retained = options.sort === 'retained' && options.new === undefined;
  let afterGraph: HeapGraph | undefined;
  const [before, after] = await reduceSeries([beforePath, afterPath], io, options, (graph) => {
    // reduceSeries reads the later snapshot first: that is the graph the pictures are drawn from.
    if (options.outDir !== undefined) afterGraph ??= graph;
    return diffSide(graph, { sizes: retained ? sizesShown(graph, io, options) : undefined });
  });
  const compared = diffSnapshots(before, after);
  const mismatch = idCheckText(compared.idCheck, beforePath, afterPath);
  const refuse = options.new !== undefined ? '--new' : options.outDir !== undefined ? '--out-dir' : undefined;
  // A list of "new" ids that name other objects would send chain after the wrong ones.
  if (mismatch && refuse) throw new UsageError(`diff ${refuse} cannot tell new objects: ${mismatch}`);
  if (options.new !== undefined) {
    const ids = newObjectIds(before, after, options.new);
    return { renderers: { text: () => idsToText(ids), json: () => idsToJson(ids) } };
  }
  if (mismatch && !options.quiet) io.stderr.write(`heapdot diff: ${mismatch}; comparing counts only\n`);
  const classes = rankedClasses(sortClassDiffs(compared.classes, options.sort), options, io, 'diff');
  const diff = { ...compared, classes };
  const renderers: Renderers = {
    text: () => diffToText(diff, options.limit),
    json: () => diffToJson(diff),
    csv: () => diffToCsv(diff),
  };
  if (afterGraph === undefined || options.outDir === undefined) return { renderers };
  const growing = classes.filter((row) => growth(row, options.sort) > 0 && (row.newObjects ?? 0) > 0);
  const drawn = growing.slice(0, options.limit);
  const pictures = growthPictures(afterGraph, before, after, drawn, afterPath, {
    ...options,
    outDir: options.outDir,
  });
  return { renderers, pictures };
}

/** How much a class grew, by the measure the classes are sorted by. */
function growth(row: ClassDiff, sort: ClassDiffOrder): number {
  if (sort === 'size') return row.sizeDelta;
  if (sort === 'retained') return row.retainedDelta ?? 0;
  return row.countDelta;
}

/**
 * objgraph's loop over what grew, in one go: for each class, `show_backrefs`, `show_refs` and
 * `show_chain` of its nearest new object (as `heapdot graphs` draws them, with its defaults), named
 * `<Class>_backrefs`, `<Class>_refs` and `<Class>_chain` with the class made safe for a file name.
 */
function growthPictures(
  graph: HeapGraph,
  before: DiffSide,
  after: DiffSide,
  classes: readonly ClassDiff[],
  snapshot: string,
  options: DiffOptions & { outDir: string },
): GraphsPicture[] {
  const drawing: GraphsOptions = {
    outDir: options.outDir,
    render: options.render,
    quiet: options.quiet,
    progress: options.progress,
    pick: { kind: 'nearest' },
    maxDepth: NEIGHBOURHOOD_DEFAULTS.maxDepth,
    tooMany: NEIGHBOURHOOD_DEFAULTS.tooMany,
    weak: true,
    limit: 1,
  };
  const names = classFileNames(classes.map((row) => row.className));
  graph.indexIds();
  return classes.flatMap((row, index) => {
    const ids = newObjectIds(before, after, row.className);
    const matches = Uint32Array.from(ids, (id) => graph.ordinalOfId(id));
    const chosen = chooseTarget(graph, { kind: 'class', name: row.className }, { matches, user: true });
    if (chosen.kind !== 'chosen') return [];
    return graphsPictures(graph, chosen, snapshot, drawing).map((picture) => ({
      ...picture,
      name: `${names[index]}_${picture.name}`,
    }));
  });
}

import {
  type ClassStat,
  type ClassStatOrder,
  classStats,
  type HeapGraph,
  sortClassStats,
  typesToCsv,
  typesToJson,
  typesToText,
} from '../../index.js';
import type { Renderers } from '../../output/formats.js';
import type { CliIO } from '../io.js';
import type { AllOption, CommonOptions } from '../options.js';
import { rankedClasses } from '../rankings.js';
import { sizesShown } from '../sizesShown.js';

export interface TypesOptions extends CommonOptions, AllOption {
  sort: ClassStatOrder;
  limit: number;
  retained: boolean;
}

/** The classes of a snapshot in --sort order, without V8's own unless --all. */
export function rankedTypes(graph: HeapGraph, io: CliIO, options: TypesOptions): ClassStat[] {
  const stats = classStats(graph, options.retained ? sizesShown(graph, io, options) : undefined);
  return sortClassStats(rankedClasses(stats, options, io, 'types'), options.sort);
}

export function typesRenderers(stats: ClassStat[], options: TypesOptions): Renderers {
  return {
    text: () => typesToText(stats.slice(0, options.limit), stats.length),
    json: () => typesToJson(stats),
    csv: () => typesToCsv(stats),
  };
}

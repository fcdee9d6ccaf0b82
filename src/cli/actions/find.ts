import { compareLargestNearest } from '../../analysis/compare.js';
import { type HeapGraph, matchesToText, nodeSummary, nodeView, type Renderers } from '../../index.js';
import type { CliIO } from '../io.js';
import type { CommonOptions } from '../options.js';
import { chooseNamedTarget, type NamedTarget } from '../target.js';

export interface FindOptions extends CommonOptions {
  limit: number;
  sort: 'distance' | 'retained' | 'self';
}

/** The matches `find` lists, in --sort order, as the renderers of its forms. */
export function findRenderers(
  graph: HeapGraph,
  target: NamedTarget,
  io: CliIO,
  options: FindOptions,
): Renderers {
  // Sizes order every match, largest first, then nearest first.
  const byDistance = options.sort === 'distance';
  const { matches, targets, distances, dominators } = chooseNamedTarget(
    graph,
    target,
    io,
    { ...options, limit: byDistance ? options.limit : Number.MAX_SAFE_INTEGER },
    { user: false, retained: true },
  );
  const size = options.sort === 'retained' ? dominators.retainedSize : graph.shallowSizes();
  const ordered = byDistance
    ? targets
    : targets.sort((a, b) => compareLargestNearest(graph, size, distances, a, b));
  const shown = ordered.slice(0, options.limit);
  return {
    text: () =>
      matchesToText(
        shown.map((node) => nodeView(graph, node, distances, dominators)),
        matches.length,
      ),
    json: () =>
      `${JSON.stringify(
        shown.map((node) => nodeSummary(graph, node, distances, dominators)),
        null,
        2,
      )}\n`,
  };
}

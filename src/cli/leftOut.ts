import { type Exclusions, exclusions, type HeapGraph, missingIds } from '../index.js';
import { UsageError } from './errors.js';
import type { ExclusionCliOptions } from './options.js';

/** The retainers --ignore and --avoid leave out (never the target's matches); an unknown id is bad usage. */
export function leftOutOf(
  graph: HeapGraph,
  options: ExclusionCliOptions,
  matches: Uint32Array,
  snapshot: string,
): Exclusions | undefined {
  const missing = missingIds(graph, options.ignore ?? []);
  if (missing.length > 0)
    throw new UsageError(
      `${snapshot}: --ignore names no object: ${missing.map((id) => `@${id}`).join(', ')}`,
    );
  return exclusions(graph, { ids: options.ignore, avoid: options.avoid, keep: matches });
}

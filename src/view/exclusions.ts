import { matchTarget } from '../analysis/targets.js';
import type { HeapGraph } from '../snapshot/heapGraph.js';

/**
 * Retainers a user asked to leave out (`--ignore @id,...`, `--avoid PATTERN`): DevTools' "Ignore
 * this retainer", MAT's exclusions. The searches (distances, the user view) never enter them, so
 * the chain they give is the next shortest honest one.
 */
export interface Exclusions {
  /** Per node: 1 for a node left out. */
  mask: Uint8Array;
  /** The ids given with --ignore, in the order given. */
  ids: number[];
  /** The class-name pattern given with --avoid, as `/source/flags`. */
  pattern?: string;
  /** How many objects are left out in all. */
  count: number;
}

export interface ExclusionOptions {
  /** Snapshot ids of objects to leave out. */
  ids?: readonly number[];
  /** Leave out every object whose class name (DevTools') matches. */
  avoid?: RegExp;
  /** Objects never left out: the target's matches (a target is not its own retainer). */
  keep?: Uint32Array;
}

/** What a result says was left out (JSON `leftOut`): the exclusions without their mask. */
export type LeftOut = Omit<Exclusions, 'mask'>;

/** The exclusions, or undefined when none were asked for. Ids must exist (see missingIds). */
export function exclusions(graph: HeapGraph, options: ExclusionOptions): Exclusions | undefined {
  const ids = options.ids ?? [];
  if (ids.length === 0 && options.avoid === undefined) return undefined;
  const mask = new Uint8Array(graph.nodeCount);
  for (const id of ids) mask[graph.ordinalOfId(id)] = 1;
  if (options.avoid !== undefined)
    for (const node of matchTarget(graph, { kind: 'regex', pattern: options.avoid })) mask[node] = 1;
  for (const node of options.keep ?? []) mask[node] = 0;
  let count = 0;
  for (let node = 0; node < mask.length; node++) count += mask[node];
  const pattern = options.avoid && `/${options.avoid.source}/${options.avoid.flags}`;
  return { mask, ids: [...ids], ...(pattern !== undefined && { pattern }), count };
}

/** The ids no node of the snapshot has. */
export function missingIds(graph: HeapGraph, ids: readonly number[]): number[] {
  return ids.filter((id) => graph.ordinalOfId(id) === -1);
}

/** `left out: @123, @456 and class /Cache/ (3 objects)`: what every format says was left out. */
export function leftOutNote(leftOut: LeftOut): string {
  const parts = leftOut.ids.map((id) => `@${id}`);
  if (leftOut.pattern !== undefined) parts.push(`class ${leftOut.pattern}`);
  const last = parts.pop();
  const listed = parts.length === 0 ? last : `${parts.join(', ')} and ${last}`;
  return `left out: ${listed} (${leftOut.count} object${leftOut.count === 1 ? '' : 's'})`;
}

import { classStats, type HeapGraph, similarNames, type TargetSpec } from '../index.js';
import { NotFoundError } from './errors.js';

/**
 * "no object matches X" (exit status 1), with the nearest class names when X is a class name that
 * is not one: a name in the wrong case or with a typo is the usual reason.
 */
export function noMatch(graph: HeapGraph, snapshot: string, target: string, spec: TargetSpec): NotFoundError {
  const similar =
    spec.kind === 'class'
      ? similarNames(
          spec.name,
          classStats(graph).map((stat) => stat.className),
        )
      : [];
  const hint = similar.length === 0 ? '' : `; did you mean ${orList(similar)}?`;
  return new NotFoundError(`${snapshot}: no object matches ${target}${hint}`);
}

/** `A`, `A or B`, `A, B or C`. */
function orList(names: string[]): string {
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

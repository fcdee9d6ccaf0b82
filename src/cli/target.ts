import {
  type ChosenTarget,
  chooseTarget,
  classStats,
  type Dominators,
  type Exclusions,
  type HeapGraph,
  type Pick as MatchPick,
  matchTarget,
  parseTarget,
  similarNames,
  type TargetSpec,
} from '../index.js';
import { dominatorsShown } from './dominatorsProgress.js';
import { NotFoundError } from './errors.js';
import type { CliIO } from './io.js';
import { leftOutOf } from './leftOut.js';
import type { CommonOptions, ExclusionCliOptions } from './options.js';

/** A `<target>` as the user wrote it, parsed before the long read (a bad one is bad usage, exit 2). */
export interface NamedTarget {
  snapshot: string;
  text: string;
  spec: TargetSpec;
}

export function nameTarget(snapshot: string, text: string): NamedTarget {
  return { snapshot, text, spec: parseTarget(text) };
}

/** The target options a command may take; a command without --pick takes the nearest and says nothing. */
export interface TargetCliOptions extends Pick<CommonOptions, 'quiet' | 'progress'>, ExclusionCliOptions {
  pick?: MatchPick;
  limit?: number;
  retained?: boolean;
}

/** How a command uses its target, beyond its options. */
export interface TargetUse {
  /** The user view: `--pick nearest` prefers an anchored match (false for DevTools' order, --raw). */
  user: boolean;
  /** Retained sizes are shown whatever the options say. @default false */
  retained?: boolean;
  /** One chain to the nearest match: distances may stop there. @default false */
  stopAtNearest?: boolean;
}

export interface CliTarget extends ChosenTarget {
  /** What --avoid and --ignore left out. */
  leftOut?: Exclusions;
}

/** With `retained: true`, the chosen target comes with its dominators. */
export type CliTargetOf<Use extends TargetUse> = Use extends { retained: true }
  ? CliTarget & { dominators: Dominators }
  : CliTarget;

/**
 * The one target chooser of the CLI (chooseTarget, worded): "no object matches X" with the nearest
 * class names, "only N objects match X" for a --pick beyond them (exit status 1 both), and a note
 * on standard error naming the one taken when several match.
 */
export function chooseNamedTarget<Use extends TargetUse>(
  graph: HeapGraph,
  target: NamedTarget,
  io: CliIO,
  options: TargetCliOptions,
  use: Use,
): CliTargetOf<Use> {
  const matches = targetMatches(graph, target);
  const leftOut = leftOutOf(graph, options, matches, target.snapshot);
  const choice = chooseTarget(graph, target.spec, {
    pick: options.pick,
    limit: options.limit,
    retained: options.retained === true || use.retained === true,
    dominators: (graph) => dominatorsShown(graph, io, options),
    matches,
    excluded: leftOut?.mask,
    user: use.user,
    stopAtNearest: use.stopAtNearest,
  });
  if (choice.kind === 'no-match') throw noMatch(graph, target);
  if (choice.kind === 'too-few') {
    const match = choice.count === 1 ? 'object matches' : 'objects match';
    throw new NotFoundError(`${target.snapshot}: only ${choice.count} ${match} ${target.text}`);
  }
  if (options.pick && (options.limit ?? 1) === 1 && choice.count > 1 && !options.quiet)
    io.stderr.write(
      `${choice.count} objects match ${target.text}; showing ${which(options.pick, choice.passedOver)}, @${graph.nodeId[choice.chosen]} (choose with --pick N; list them with heapdot find)\n`,
    );
  return { ...choice, leftOut } as CliTargetOf<Use>;
}

/** Every match of the target, in no particular order; none is "no object matches" (exit status 1). */
export function targetMatches(graph: HeapGraph, target: NamedTarget): Uint32Array {
  const matches = matchTarget(graph, target.spec);
  if (matches.length === 0) throw noMatch(graph, target);
  return matches;
}

function which(pick: MatchPick, passedOver: number): string {
  if (pick.kind === 'nth') return `number ${pick.n}`;
  if (pick.kind === 'largest') return 'the largest';
  return passedOver > 0
    ? `the nearest of those an anchor other than the stack or native handles holds (${passedOver} passed over)`
    : 'the nearest';
}

/**
 * "no object matches X" (exit status 1), with the nearest class names when X is a class name that
 * is not one: a name in the wrong case or with a typo is the usual reason.
 */
function noMatch(graph: HeapGraph, target: NamedTarget): NotFoundError {
  const { spec } = target;
  const similar =
    spec.kind === 'class'
      ? similarNames(
          spec.name,
          classStats(graph).map((stat) => stat.className),
        )
      : [];
  const hint = similar.length === 0 ? '' : `; did you mean ${orList(similar)}?`;
  return new NotFoundError(`${target.snapshot}: no object matches ${target.text}${hint}`);
}

/** `A`, `A or B`, `A, B or C`. */
function orList(names: string[]): string {
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

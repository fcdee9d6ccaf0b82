import { type Command, InvalidArgumentError, Option } from 'commander';
import type { OutputFormat, Pick } from '../index.js';
import { NEIGHBOURHOOD_DEFAULTS, type NeighbourhoodOptions } from '../index.js';
import { outputExtensions } from './help.js';

/** The options every command that prints a result takes (DESIGN.md, "Common options"). */
export interface CommonOptions {
  /** Each -o given, in order; none means standard output. */
  output?: string[];
  format?: OutputFormat;
  quiet?: boolean;
  progress: boolean;
  debug?: boolean;
}

export function addCommonOptions(command: Command, formats: readonly OutputFormat[]): Command {
  command
    .option(
      '-o, --output <file>',
      `write to FILE (${outputExtensions(formats).join(', ')}; - is standard output); repeat for several`,
      (file: string, files: string[] | undefined) => [...(files ?? []), file],
    )
    .addOption(
      new Option(
        '--format <format>',
        'output format (default: text on standard output, else from the file extension)',
      ).choices(formats),
    );
  return addStderrOptions(command);
}

/** What a command says on standard error besides its result; a command whose result differs says so. */
export interface StderrTexts {
  quiet?: string;
  progress?: string;
}

/** `-q, --quiet`, `--no-progress` and `--debug`: what goes to standard error besides errors. */
export function addStderrOptions(command: Command, texts: StderrTexts = {}): Command {
  command
    .option('-q, --quiet', texts.quiet ?? 'print nothing but the result (no notes on standard error)')
    .option(
      '--no-progress',
      texts.progress ?? 'do not show progress (reading, dominators) on standard error',
    );
  return command.option(...DEBUG_OPTION);
}

/** `--debug`, of the program and of every command: `.option(...DEBUG_OPTION)`. */
export const DEBUG_OPTION = ['--debug', 'show stack traces of internal errors'] as const;

/** `<snapshot>` of a command that reads one: `.argument(...SNAPSHOT_ARGUMENT)`. */
export const SNAPSHOT_ARGUMENT = [
  '<snapshot>',
  'a .heapsnapshot file, gzip or not, or - for standard input',
] as const;

const TARGET = '@id, a class name, /regex/ or string:TEXT';

/** `<target>` of a command that takes an object: `.argument(...TARGET_ARGUMENT)`. */
export const TARGET_ARGUMENT = ['<target>', TARGET] as const;

/** `[target]`, and what is taken without one. */
export function optionalTarget(withoutOne: string): readonly [string, string] {
  return ['[target]', `${TARGET} (default: ${withoutOne})`];
}

export function addPickOption(command: Command): Command {
  return command.addOption(
    new Option(
      '--pick <which>',
      'which match to take: nearest (smallest distance, then smallest id), largest (retained size) or N (the N-th nearest)',
    )
      .default({ kind: 'nearest' }, 'nearest')
      .argParser(parsePick),
  );
}

export function parsePick(value: string): Pick {
  if (value === 'nearest') return { kind: 'nearest' };
  if (value === 'largest') return { kind: 'largest' };
  if (/^\d+$/.test(value) && Number(value) >= 1) return { kind: 'nth', n: Number(value) };
  throw new InvalidArgumentError('use nearest, largest or a number from 1.');
}

/** A parser for whole numbers >= `min`. */
export function wholeNumber(min: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < min)
      throw new InvalidArgumentError(`use a whole number >= ${min}.`);
    return Number(value);
  };
}

/** A parser for a percentage, 0 to 100. */
export function percent(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number > 100)
    throw new InvalidArgumentError('use a number from 0 to 100.');
  return number;
}

/**
 * The user view is the default (DESIGN.md, "The user view"); --raw gives DevTools' exact graph and
 * heapdot's output from before the user view, byte for byte. Any command that shows objects takes it.
 */
export interface RawOption {
  raw?: boolean;
}

export function addRawOption(command: Command): Command {
  return command.option(
    '--raw',
    "DevTools' exact graph: V8's internal objects and edges as the snapshot has them",
  );
}

/**
 * Rankings list the classes a user would name; V8's own (`(system)`, `(array)`, `system / *`...)
 * only on request. One option and one predicate (isV8InternalClass) for every ranking.
 */
export interface AllOption {
  all?: boolean;
}

export function addAllOption(command: Command): Command {
  return command.option(
    '--all',
    "also list V8's own classes: (compiled code), (system), system / *, (object shape), (array), (number), concatenated and sliced strings",
  );
}

/** Retainers to leave out of the searches (DevTools' "Ignore this retainer", MAT's exclusions). */
export interface ExclusionCliOptions {
  avoid?: RegExp;
  ignore?: number[];
}

export function addExclusionOptions(command: Command): Command {
  return command
    .option(
      '--avoid <pattern>',
      'leave out retainers whose class matches and show the next shortest chain',
      parsePattern,
    )
    .option(
      '--ignore <ids>',
      'leave out these retainers (@id,@id,...) and show the next shortest chain',
      parseIds,
    );
}

/** `@12,@34` or `12,34`: snapshot ids. */
export function parseIds(value: string): number[] {
  const ids = value.split(',').map((id) => id.trim());
  if (ids.some((id) => !/^@?\d+$/.test(id))) throw new InvalidArgumentError('use ids such as @123,@456.');
  return ids.map((id) => Number(id.replace('@', '')));
}

/** Retained sizes cost about as much as the read, so the commands that can do without them ask. */
export function addRetainedOption(command: Command): Command {
  return command.option(
    '--retained',
    "compute DevTools' retained sizes and show them (about doubles the time)",
  );
}

/** The options of the pictures that grow from a target (backrefs, refs, graphs). */
export interface NeighbourhoodCliOptions {
  maxDepth: number;
  tooMany: number;
  maxNodes?: number;
  weak: boolean;
  edgeTypes?: string[];
  filter?: RegExp;
  stopAt?: RegExp;
  highlight?: RegExp;
  limit: number;
  raw?: boolean;
}

const EDGE_TYPES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];

export function addNeighbourhoodOptions(command: Command): Command {
  return command
    .option('--max-depth <n>', 'how many levels to draw', wholeNumber(1), NEIGHBOURHOOD_DEFAULTS.maxDepth)
    .option(
      '--too-many <n>',
      'past N neighbours, draw N of them and one "M more" box',
      wholeNumber(1),
      NEIGHBOURHOOD_DEFAULTS.tooMany,
    )
    .option(
      '--max-nodes <n>',
      `cut a bigger picture at the last depth that fits (default: ${NEIGHBOURHOOD_DEFAULTS.userMaxNodes}, --raw: ${NEIGHBOURHOOD_DEFAULTS.maxNodes})`,
      wholeNumber(1),
    )
    .option('--no-weak', 'hide weak edges (drawn dashed otherwise)')
    .option('--edge-types <list>', `follow only these edge types (${EDGE_TYPES.join(',')})`, parseEdgeTypes)
    .option(
      '--filter <pattern>',
      'hide nodes whose class or name matches, and edges whose name matches',
      parsePattern,
    )
    .option(
      '--stop-at <pattern>',
      'draw nodes whose class or name matches, but not their neighbours',
      parsePattern,
    )
    .option('--highlight <pattern>', 'draw nodes whose class or name matches in blue', parsePattern)
    .option(
      '--limit <n>',
      'draw the first N matches of a class target (nearest first), each outlined red',
      wholeNumber(1),
      1,
    );
}

/** The one place CLI options become the library's neighbourhood options. */
export function neighbourhoodOptions(
  options: NeighbourhoodCliOptions,
  retainedSize?: Float64Array,
): NeighbourhoodOptions {
  return {
    retainedSize,
    maxDepth: options.maxDepth,
    tooMany: options.tooMany,
    maxNodes: options.maxNodes,
    weak: options.weak,
    edgeTypes: options.edgeTypes,
    filter: options.filter,
    stopAt: options.stopAt,
    highlight: options.highlight,
    raw: options.raw,
  };
}

/** `/regex/flags`, or text taken as a regular expression (as grep takes it). */
export function parsePattern(value: string): RegExp {
  const literal = /^\/(.*)\/([a-z]*)$/s.exec(value);
  try {
    return literal ? new RegExp(literal[1], literal[2].replace('g', '')) : new RegExp(value);
  } catch (error) {
    throw new InvalidArgumentError(`not a regular expression: ${(error as Error).message}`);
  }
}

function parseEdgeTypes(value: string): string[] {
  const types = value.split(',').map((type) => type.trim());
  const unknown = types.filter((type) => !EDGE_TYPES.includes(type));
  if (unknown.length > 0)
    throw new InvalidArgumentError(`unknown edge type ${unknown.join(', ')}; use ${EDGE_TYPES.join(',')}.`);
  return types;
}

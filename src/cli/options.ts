import { type Command, InvalidArgumentError, Option } from 'commander';
import type { OutputFormat, Pick } from '../index.js';

/** The options every command that prints a result takes (DESIGN.md, "Common options"). */
export interface CommonOptions {
  /** Each -o given, in order; empty means standard output. */
  output: string[];
  format?: OutputFormat;
  quiet?: boolean;
  progress: boolean;
  debug?: boolean;
}

export function addCommonOptions(command: Command, formats: readonly OutputFormat[]): Command {
  return command
    .option(
      '-o, --output <file>',
      'write to FILE (.dot, .svg, .png, .pdf, .txt, .md, .mmd, .json; - is standard output); repeat for several',
      (file: string, files: string[]) => [...files, file],
      [] as string[],
    )
    .addOption(
      new Option(
        '--format <format>',
        'output format (default: text on standard output, else from the file extension)',
      ).choices(formats),
    )
    .option('-q, --quiet', 'print nothing but the result (no notes on standard error)')
    .option('--no-progress', 'do not show reading progress on standard error')
    .option('--debug', 'show stack traces of internal errors');
}

export function addPickOption(command: Command): Command {
  return command.addOption(
    new Option(
      '--pick <which>',
      'which match to take: nearest (smallest distance, then smallest id) or N (the N-th, from 1)',
    )
      .default({ kind: 'nearest' }, 'nearest')
      .argParser(parsePick),
  );
}

export function parsePick(value: string): Pick {
  if (value === 'nearest') return { kind: 'nearest' };
  if (value === 'largest') {
    throw new InvalidArgumentError(
      'largest needs retained sizes, which this version does not compute yet; use nearest or N.',
    );
  }
  if (/^\d+$/.test(value) && Number(value) >= 1) return { kind: 'nth', n: Number(value) };
  throw new InvalidArgumentError('use nearest or a number from 1.');
}

/** A parser for whole numbers >= `min`. */
export function wholeNumber(min: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < min)
      throw new InvalidArgumentError(`use a whole number >= ${min}.`);
    return Number(value);
  };
}

import {
  type Destination,
  isRenderError,
  type Output,
  type OutputFormat,
  outputsOf,
  planOutputs as planDestinations,
  type Renderers,
  renderOutputs,
  writeOutputs,
} from '../index.js';
import { UsageError } from './errors.js';
import type { CliIO } from './io.js';
import type { CommonOptions } from './options.js';

/**
 * Checks every -o before the snapshot is read (src/output's planOutputs), in the CLI's words:
 * a name without a known extension is told to add --format.
 */
export async function planOutputs(
  options: Pick<CommonOptions, 'output' | 'format'>,
  formats: readonly OutputFormat[],
  protect: string[],
): Promise<Destination[]> {
  try {
    return await planDestinations({ outputs: options.output, format: options.format }, formats, protect);
  } catch (error) {
    if (isRenderError(error) && error.code === 'UNKNOWN_FORMAT')
      throw new UsageError(`cannot tell the format of ${error.path} from its extension; add --format`);
    throw error;
  }
}

/** Writes one result to the planned destinations (see emitOutputs). */
export function emit(
  io: CliIO,
  destinations: Destination[],
  renderers: Renderers,
  quiet = false,
): Promise<void> {
  return emitOutputs(io, outputsOf(destinations, renderers), { quiet });
}

export interface EmitOptions {
  /** No "wrote" lines. @default false */
  quiet?: boolean;
  /** Files that must never be replaced: the snapshots read. @default [] */
  protect?: readonly string[];
  /** Says that a file was written. @default "wrote <path>" on standard error, unless quiet */
  onWritten?: (path: string) => void;
}

/**
 * Makes every output, then writes them as one set (src/output): a failing picture leaves no file
 * behind and prints nothing on standard output. Colour only for a terminal without NO_COLOR.
 */
export async function emitOutputs(
  io: CliIO,
  outputs: readonly Output[],
  options: EmitOptions = {},
): Promise<void> {
  const made = await renderOutputs(outputs, {
    color: io.stdout.isTTY === true && !io.env.NO_COLOR,
    // A shrunk picture is said even with --quiet: it is why the image may be unreadable.
    onWarning: (path, message) => io.stderr.write(`heapdot: ${path}: ${message}\n`),
  });
  await writeOutputs(made, { protect: options.protect, stdout: (data) => io.stdout.write(data) });
  const written =
    options.onWritten ?? ((path: string) => (options.quiet ? undefined : io.stderr.write(`wrote ${path}\n`)));
  for (const { destination } of made) if (destination.kind !== 'stdout') written(destination.path);
}

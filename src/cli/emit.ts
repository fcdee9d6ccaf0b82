import {
  findDotOnPath,
  formatFromPath,
  type ImageFormat,
  isImageFormat,
  type OutputFormat,
  planRender,
  refuseProtected,
  renderDot,
  writeFileAtomic,
} from '../index.js';
import { UsageError } from './errors.js';
import type { CliIO } from './io.js';
import type { CommonOptions } from './options.js';

/** What a renderer may adapt to: colour only for a terminal that has not asked for none (NO_COLOR). */
export interface RenderContext {
  color: boolean;
}

/** The result of a command in each format it can take, made only when chosen. */
export type Renderers = Partial<Record<OutputFormat, (context: RenderContext) => string>>;

/** Where one output goes and in which form. */
export type Destination =
  | { kind: 'stdout'; format: OutputFormat }
  | { kind: 'file'; path: string; format: OutputFormat }
  | { kind: 'image'; path: string; format: ImageFormat };

/**
 * Checks every -o before the snapshot is read (a long read must not end in "cannot write that"):
 * the format of each (standard output: text unless --format says otherwise; a file: its
 * extension), that the command can write it, that an image can be rendered here, and that no
 * output is the snapshot itself.
 */
export async function planOutputs(
  options: Pick<CommonOptions, 'output' | 'format'>,
  formats: readonly OutputFormat[],
  protect: string[],
): Promise<Destination[]> {
  const outputs = options.output.length === 0 ? ['-'] : options.output;
  const destinations = outputs.map((output) => destination(output, options.format));
  const dot = findDotOnPath() ?? null;
  for (const target of destinations) {
    const needs = target.kind === 'image' ? 'dot' : target.format;
    if (!formats.includes(needs)) {
      throw new UsageError(`this command does not write ${needs}; it writes ${formats.join(', ')}`);
    }
    if (target.kind === 'image') planRender(target.format, dot);
    if (target.kind !== 'stdout') await refuseProtected(target.path, protect);
  }
  return destinations;
}

/**
 * Writes a result to the planned destinations. Everything is rendered before anything is
 * written, so a failing image leaves no other file behind; files are written atomically.
 */
export async function emit(
  io: CliIO,
  destinations: Destination[],
  renderers: Renderers,
  quiet = false,
): Promise<void> {
  const color = io.stdout.isTTY === true && !io.env.NO_COLOR;
  const made: { target: Destination; data: string | Uint8Array }[] = [];
  for (const target of destinations) {
    const render = pick(renderers, target.kind === 'image' ? 'dot' : target.format);
    const text = render({ color: target.kind === 'stdout' && color });
    made.push({ target, data: target.kind === 'image' ? await renderDot(text, target.format) : text });
  }
  for (const { target, data } of made) {
    if (target.kind === 'stdout') {
      io.stdout.write(data);
      continue;
    }
    await writeFileAtomic(target.path, data);
    if (!quiet) io.stderr.write(`wrote ${target.path}\n`);
  }
}

function destination(output: string, format: OutputFormat | undefined): Destination {
  if (output === '-') return { kind: 'stdout', format: format ?? 'text' };
  const fromPath = formatFromPath(output);
  if (fromPath !== undefined && isImageFormat(fromPath)) {
    if (format && format !== 'dot') {
      throw new UsageError(`--format ${format} does not fit ${output}: images are drawn from DOT`);
    }
    return { kind: 'image', path: output, format: fromPath };
  }
  if (fromPath !== undefined && format !== undefined && fromPath !== format) {
    throw new UsageError(`--format ${format} does not fit ${output}, whose extension means ${fromPath}`);
  }
  const chosen = fromPath ?? format;
  if (chosen === undefined)
    throw new UsageError(`cannot tell the format of ${output} from its extension; add --format`);
  return { kind: 'file', path: output, format: chosen };
}

function pick(renderers: Renderers, format: OutputFormat): (context: RenderContext) => string {
  const render = renderers[format];
  if (!render) throw new UsageError(`this command does not write ${format}`);
  return render;
}

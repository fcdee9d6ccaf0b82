import {
  checkWritable,
  findDotOnPath,
  formatFromPath,
  type ImageFormat,
  isImageFormat,
  type OutputFormat,
  planRender,
  renderDot,
  svgToPng,
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

/**
 * Where one output goes and in which form. Images are drawn from the command's DOT by Graphviz, or,
 * for a command that draws its own SVG (treemap, trend), are that SVG (PNG through resvg).
 */
export type Destination =
  | { kind: 'stdout'; format: OutputFormat }
  | { kind: 'file'; path: string; format: OutputFormat }
  | { kind: 'image'; path: string; format: ImageFormat; from: 'dot' | 'svg' };

/**
 * Checks every -o before the snapshot is read (a long read must not end in "cannot write that"):
 * the format of each (standard output: text unless --format says otherwise; a file: its
 * extension), that the command writes it, that an image can be made here, that its folder exists
 * and is writable, and that no output is a snapshot being read. `formats` are the command's text forms; images come from its `dot` or `svg`.
 */
export async function planOutputs(
  options: Pick<CommonOptions, 'output' | 'format'>,
  formats: readonly OutputFormat[],
  protect: string[],
): Promise<Destination[]> {
  const outputs = options.output ?? ['-'];
  const imagesFrom = formats.includes('svg') ? 'svg' : 'dot';
  const destinations = outputs.map((output) => destination(output, options.format, imagesFrom));
  const dot = findDotOnPath() ?? null;
  for (const target of destinations) {
    const needs = target.kind === 'image' ? target.from : target.format;
    if (!formats.includes(needs)) {
      const what = target.kind === 'image' ? `draw images (${target.path})` : `write ${needs}`;
      throw new UsageError(`this command does not ${what}; it writes ${formats.join(', ')}`);
    }
    if (target.kind === 'image' && target.from === 'dot') planRender(target.format, dot);
    if (target.kind === 'image' && target.from === 'svg' && target.format === 'pdf') {
      throw new UsageError(`this command draws SVG and PNG, not PDF (${target.path})`);
    }
    if (target.kind !== 'stdout') await checkWritable(target.path, protect);
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
    // A shrunk picture is said even with --quiet: it is why the image may be unreadable.
    const warn = (message: string) => {
      if (target.kind !== 'stdout') io.stderr.write(`heapdot: ${target.path}: ${message}\n`);
    };
    made.push({ target, data: await render(target, renderers, color, warn) });
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

const PLAIN: RenderContext = { color: false };

async function render(
  target: Destination,
  renderers: Renderers,
  color: boolean,
  onWarning: (message: string) => void,
): Promise<string | Uint8Array> {
  if (target.kind === 'stdout') return pick(renderers, target.format)({ color });
  if (target.kind === 'file') return pick(renderers, target.format)(PLAIN);
  const source = pick(renderers, target.from)(PLAIN);
  if (target.from === 'dot') return renderDot(source, target.format, { onWarning });
  return target.format === 'svg' ? source : svgToPng(source, onWarning);
}

function destination(
  output: string,
  format: OutputFormat | undefined,
  imagesFrom: 'dot' | 'svg',
): Destination {
  if (output === '-') return { kind: 'stdout', format: format ?? 'text' };
  const fromPath = formatFromPath(output);
  if (fromPath !== undefined && isImageFormat(fromPath)) {
    if (format && format !== imagesFrom) {
      throw new UsageError(
        `--format ${format} does not fit ${output}: images are drawn from ${imagesFrom.toUpperCase()}`,
      );
    }
    return { kind: 'image', path: output, format: fromPath, from: imagesFrom };
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

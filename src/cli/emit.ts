import {
  formatFromPath,
  type ImageFormat,
  isImageFormat,
  type OutputFormat,
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
type Destination =
  | { kind: 'stdout'; format: OutputFormat }
  | { kind: 'file'; path: string; format: OutputFormat }
  | { kind: 'image'; path: string; format: ImageFormat };

/**
 * Writes a result to each place the options name: standard output (text unless --format says
 * otherwise) when no -o is given or for `-o -`, and files whose extension picks the format
 * (.svg/.png/.pdf render the DOT form). Every destination is checked before anything is written;
 * files are written atomically and never over the snapshot being read.
 */
export async function emit(
  io: CliIO,
  options: CommonOptions,
  renderers: Renderers,
  protect: string[],
): Promise<void> {
  const outputs = options.output.length === 0 ? ['-'] : options.output;
  const destinations = outputs.map((output) => destination(output, options.format));
  for (const target of destinations) pick(renderers, target.kind === 'image' ? 'dot' : target.format);
  for (const target of destinations) {
    if (target.kind === 'stdout') {
      const color = io.stdout.isTTY === true && !io.env.NO_COLOR;
      io.stdout.write(pick(renderers, target.format)({ color }));
      continue;
    }
    const data =
      target.kind === 'image'
        ? await renderDot(pick(renderers, 'dot')(PLAIN), target.format)
        : pick(renderers, target.format)(PLAIN);
    await writeFileAtomic(target.path, data, { protect });
    if (!options.quiet) io.stderr.write(`wrote ${target.path}\n`);
  }
}

const PLAIN: RenderContext = { color: false };

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
  if (!render) {
    const known = Object.keys(renderers).join(', ');
    throw new UsageError(`this command does not write ${format}; it writes ${known}`);
  }
  return render;
}

import { renderDot } from '../render/image.js';
import type { ImageFormat, OutputFormat } from '../render/types.js';
import { formatFromPath, isImageFormat, writeFileAtomic } from '../render/writeOutput.js';
import { UsageError } from './errors.js';
import type { CliIO } from './io.js';
import type { CommonOptions } from './options.js';

/** The result of a command in each format it can take, made only when chosen. */
export type Renderers = Partial<Record<OutputFormat, () => string>>;

/**
 * Writes a result where the options say: standard output (text unless --format says otherwise) or
 * a file whose extension picks the format; .svg/.png/.pdf render the DOT form. Files are written
 * atomically and never over the snapshot being read.
 */
export async function emit(
  io: CliIO,
  options: CommonOptions,
  renderers: Renderers,
  protect: string[],
): Promise<void> {
  const output = options.output === '-' ? undefined : options.output;
  const image = output ? imageFormat(output) : undefined;
  if (image) {
    if (options.format && options.format !== 'dot') {
      throw new UsageError(`--format ${options.format} does not fit ${output}: images are drawn from DOT`);
    }
    const dot = pick(renderers, 'dot');
    const bytes = await renderDot(dot(), image);
    await writeFileAtomic(output!, bytes, { protect });
    if (!options.quiet) io.stderr.write(`wrote ${output}\n`);
    return;
  }
  const format = options.format ?? (output ? fileFormat(output) : 'text');
  const text = pick(renderers, format)();
  if (!output) {
    io.stdout.write(text);
    return;
  }
  await writeFileAtomic(output, text, { protect });
  if (!options.quiet) io.stderr.write(`wrote ${output}\n`);
}

function imageFormat(path: string): ImageFormat | undefined {
  const format = formatFromPath(path);
  return format !== undefined && isImageFormat(format) ? format : undefined;
}

function fileFormat(path: string): OutputFormat {
  const format = formatFromPath(path);
  if (format === undefined || isImageFormat(format)) {
    throw new UsageError(`cannot tell the format of ${path} from its extension; add --format`);
  }
  return format;
}

function pick(renderers: Renderers, format: OutputFormat): () => string {
  const render = renderers[format];
  if (!render) {
    const known = Object.keys(renderers).join(', ');
    throw new UsageError(`this command does not write ${format}; it writes ${known}`);
  }
  return render;
}

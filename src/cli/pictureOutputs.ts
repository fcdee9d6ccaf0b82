import { formatFromPath, refuseProtected, svgToPng, writeFileAtomic } from '../index.js';
import { UsageError } from './errors.js';
import type { CliIO } from './io.js';

/**
 * Outputs of a command that draws its own SVG (treemap) rather than a DOT document for Graphviz:
 * text and JSON as usual, the SVG as text, PNG made from the SVG with resvg. emit.ts's planOutputs
 * renders images from DOT, so these commands plan and write with the two functions below instead.
 */
export type PictureFormat = 'text' | 'json' | 'svg' | 'png';

/** The formats `--format` may name (PNG only by a file's extension: it is not for a terminal). */
export const PICTURE_TEXT_FORMATS = ['text', 'json', 'svg'] as const;

export type PictureDestination =
  | { kind: 'stdout'; format: Exclude<PictureFormat, 'png'> }
  | { kind: 'file'; path: string; format: PictureFormat };

/** The result in each text format, made only when chosen; PNG is drawn from `svg`. */
export type PictureRenderers = Record<Exclude<PictureFormat, 'png'>, () => string>;

const PICTURE_FORMATS: readonly string[] = ['text', 'json', 'svg', 'png'];

/**
 * Checks every -o before the snapshot is read: its format (standard output: --format, else text;
 * a file: its extension, which --format must not contradict), that this command writes it, and
 * that no output is the snapshot itself.
 */
export async function planPictureOutputs(
  options: { output: string[]; format?: Exclude<PictureFormat, 'png'> },
  protect: string[],
): Promise<PictureDestination[]> {
  const outputs = options.output.length === 0 ? ['-'] : options.output;
  const destinations: PictureDestination[] = [];
  for (const output of outputs) {
    if (output === '-') {
      destinations.push({ kind: 'stdout', format: options.format ?? 'text' });
      continue;
    }
    const fromPath = formatFromPath(output);
    if (fromPath !== undefined && !PICTURE_FORMATS.includes(fromPath)) {
      throw new UsageError(`this command does not write ${fromPath}; it writes .svg, .png, .json and .txt`);
    }
    if (fromPath !== undefined && options.format !== undefined && fromPath !== options.format) {
      throw new UsageError(
        `--format ${options.format} does not fit ${output}, whose extension means ${fromPath}`,
      );
    }
    const format = (fromPath ?? options.format) as PictureFormat | undefined;
    if (format === undefined)
      throw new UsageError(`cannot tell the format of ${output} from its extension; add --format`);
    await refuseProtected(output, protect);
    destinations.push({ kind: 'file', path: output, format });
  }
  return destinations;
}

/** Renders every output first (a failing PNG leaves no other file behind), then writes them, files atomically. */
export async function emitPicture(
  io: CliIO,
  destinations: PictureDestination[],
  renderers: PictureRenderers,
  quiet = false,
): Promise<void> {
  const made: { target: PictureDestination; data: string | Uint8Array }[] = [];
  for (const target of destinations) {
    const data = target.format === 'png' ? await svgToPng(renderers.svg()) : renderers[target.format]();
    made.push({ target, data });
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

import { join } from 'node:path';
import { RenderError } from './errors.js';
import { findDotOnPath } from './findDot.js';
import type { ImageFormat, OutputFormat } from './formats.js';
import { planRender } from './renderPlan.js';
import {
  checkWritable,
  checkWritableFolder,
  formatFromPath,
  isImageFormat,
  refuseFolder,
  refuseProtected,
} from './writeOutput.js';

/**
 * Where one output goes and in which form. Images are drawn from the result's DOT by Graphviz, or,
 * for a result that draws its own SVG (treemap, trend), are that SVG (PNG through resvg).
 */
export type Destination =
  | { kind: 'stdout'; format: OutputFormat }
  | { kind: 'file'; path: string; format: OutputFormat }
  | { kind: 'image'; path: string; format: ImageFormat; from: 'dot' | 'svg' };

/** What was asked for: files by name (`-` is standard output) and the form of any without an extension. */
export interface OutputRequest {
  /** @default ['-'] */
  outputs?: readonly string[];
  /** The form for standard output and for a name without a known extension (the CLI's --format). */
  format?: OutputFormat;
}

/**
 * Checks every output before the snapshot is read (a long read must not end in "cannot write
 * that"): the form of each (standard output: text unless `format` says otherwise; a file: its
 * extension), that the result is written in it, that an image can be made here, that its folder
 * exists and is writable, and that no output is one of the inputs in `protect`. `formats` are the
 * result's text forms; images are made from its `dot` or `svg`. Throws RenderError.
 */
export async function planOutputs(
  request: OutputRequest,
  formats: readonly OutputFormat[],
  protect: readonly string[] = [],
): Promise<Destination[]> {
  const imagesFrom = formats.includes('svg') ? 'svg' : 'dot';
  const destinations = (request.outputs ?? ['-']).map((output) =>
    destinationOf(output, request.format, imagesFrom),
  );
  const dot = findDotOnPath() ?? null;
  for (const target of destinations) {
    const needs = target.kind === 'image' ? target.from : target.format;
    if (!formats.includes(needs)) {
      const what = target.kind === 'image' ? `draw images (${target.path})` : `write ${needs}`;
      throw new RenderError(`this command does not ${what}; it writes ${formats.join(', ')}`, {
        code: 'FORMAT_NOT_WRITTEN',
      });
    }
    if (target.kind === 'image' && target.from === 'dot') planRender(target.format, dot);
    if (target.kind === 'image' && target.from === 'svg' && target.format === 'pdf') {
      throw new RenderError(`this command draws SVG and PNG, not PDF (${target.path})`, {
        code: 'FORMAT_NOT_WRITTEN',
      });
    }
    if (target.kind !== 'stdout') await checkWritable(target.path, protect);
  }
  return destinations;
}

/**
 * Checks a folder of pictures (graphs' and leaks' --out-dir) before the snapshot is read: that it
 * can be made or written, that `image` can be rendered here, and that none of the `names` known
 * in advance is one of the inputs in `protect` or a folder.
 */
export async function planFolder(
  folder: string,
  options: { image?: ImageFormat; names?: readonly string[]; protect?: readonly string[] } = {},
): Promise<void> {
  if (options.image) planRender(options.image, findDotOnPath() ?? null);
  await checkWritableFolder(folder);
  for (const name of options.names ?? []) {
    await refuseProtected(join(folder, name), options.protect ?? []);
    await refuseFolder(join(folder, name));
  }
}

function destinationOf(
  output: string,
  format: OutputFormat | undefined,
  imagesFrom: 'dot' | 'svg',
): Destination {
  if (output === '-') return { kind: 'stdout', format: format ?? 'text' };
  const fromPath = formatFromPath(output);
  if (fromPath !== undefined && isImageFormat(fromPath)) {
    if (format && format !== imagesFrom) {
      throw mismatch(
        `--format ${format} does not fit ${output}: images are drawn from ${imagesFrom.toUpperCase()}`,
      );
    }
    return { kind: 'image', path: output, format: fromPath, from: imagesFrom };
  }
  if (fromPath !== undefined && format !== undefined && fromPath !== format)
    throw mismatch(`--format ${format} does not fit ${output}, whose extension means ${fromPath}`);
  const chosen = fromPath ?? format;
  if (chosen === undefined) {
    throw new RenderError(`cannot tell what to write from the name ${output}`, {
      code: 'UNKNOWN_FORMAT',
      path: output,
    });
  }
  return { kind: 'file', path: output, format: chosen };
}

/** Only the CLI's --format can disagree with a name; the message names the option. */
function mismatch(problem: string): RenderError {
  return new RenderError(problem, { code: 'FORMAT_MISMATCH' });
}

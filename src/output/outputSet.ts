import { join } from 'node:path';
import type { Destination } from './destinations.js';
import { RenderError } from './errors.js';
import type { ImageFormat, OutputFormat, RenderContext, Renderers } from './formats.js';
import { renderDot, svgToPng } from './image.js';
import { writeFilesAtomic } from './writeOutput.js';

/** One output of a command: where it goes, and the result it is made from. */
export interface Output {
  destination: Destination;
  forms: Renderers;
}

/** An output made: its bytes, ready to be written. */
export interface MadeOutput {
  destination: Destination;
  data: string | Uint8Array;
}

export interface RenderOutputsOptions {
  /** Colour for standard output (files never get it). @default false */
  color?: boolean;
  /** Told when a picture had to be shrunk to fit a bitmap (see renderDot). @default ignored */
  onWarning?: (path: string, message: string) => void;
}

/** Each of `destinations` made from one result. */
export function outputsOf(destinations: readonly Destination[], forms: Renderers): Output[] {
  return destinations.map((destination) => ({ destination, forms }));
}

/** A picture that goes into a folder of pictures as `name.dot`, and `name.<image>` when asked. */
export interface FolderPicture {
  name: string;
  dot: string;
}

/** The files of a folder of pictures (graphs' and leaks' --out-dir): each DOT, and its image beside it. */
export function pictureOutputs(
  folder: string,
  pictures: readonly FolderPicture[],
  image?: ImageFormat,
): Output[] {
  return pictures.flatMap(({ name, dot }) => {
    const forms = { dot: () => dot };
    const files: Output[] = [
      { destination: { kind: 'file', path: join(folder, `${name}.dot`), format: 'dot' }, forms },
    ];
    if (image)
      files.push({
        destination: { kind: 'image', path: join(folder, `${name}.${image}`), format: image, from: 'dot' },
        forms,
      });
    return files;
  });
}

/**
 * Makes every output in memory, images included, before anything is written: a picture that
 * fails (no Graphviz for PDF, `dot` exits with an error) then leaves no other output behind.
 */
export async function renderOutputs(
  outputs: readonly Output[],
  options: RenderOutputsOptions = {},
): Promise<MadeOutput[]> {
  const made: MadeOutput[] = [];
  for (const { destination, forms } of outputs) {
    const context: RenderContext = { color: destination.kind === 'stdout' && options.color === true };
    if (destination.kind !== 'image') {
      made.push({ destination, data: form(forms, destination.format)(context) });
      continue;
    }
    const { path } = destination;
    const onWarning = (message: string) => options.onWarning?.(path, message);
    const source = form(forms, destination.from)(context);
    const data =
      destination.from === 'dot'
        ? await renderDot(source, destination.format, { onWarning })
        : destination.format === 'svg'
          ? source
          : await svgToPng(source, onWarning);
    made.push({ destination, data });
  }
  return made;
}

export interface WriteOutputsOptions {
  /** Files that must never be replaced, e.g. the snapshots read. @default [] */
  protect?: readonly string[];
  /** Standard output, given the outputs that go there once every file is written. */
  stdout: (data: string | Uint8Array) => void;
}

/**
 * Writes made outputs: the files as one set (writeFilesAtomic: all of them or none), then what
 * goes to standard output, so that a failure prints no half result either.
 */
export async function writeOutputs(made: readonly MadeOutput[], options: WriteOutputsOptions): Promise<void> {
  const files = made.flatMap(({ destination, data }) =>
    destination.kind === 'stdout' ? [] : [{ path: destination.path, data }],
  );
  await writeFilesAtomic(files, { protect: options.protect });
  for (const { destination, data } of made) if (destination.kind === 'stdout') options.stdout(data);
}

function form(forms: Renderers, format: OutputFormat): (context: RenderContext) => string {
  const render = forms[format];
  // planOutputs refuses a form the result lacks; this is for a caller that did not plan.
  if (!render) throw new RenderError(`this command does not write ${format}`, { code: 'FORMAT_NOT_WRITTEN' });
  return render;
}

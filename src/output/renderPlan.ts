import { RenderError } from './errors.js';
import type { ImageFormat } from './formats.js';

/** How an image will be made: by the system's `dot`, or by the bundled WASM Graphviz (and resvg for PNG). */
export type RenderPlan =
  | { kind: 'system'; command: string; args: string[] }
  | { kind: 'wasm'; format: 'svg' | 'png' };

export const PDF_HINT =
  'install Graphviz (apt-get install graphviz / brew install graphviz) or choose .svg or .png';

/** `dot`'s arguments: the output format only; the DOT text goes to standard input, the image comes from standard output. */
export function dotArgs(format: ImageFormat): string[] {
  return [`-T${format}`];
}

/**
 * The renderer for `format`, given the system `dot` (or null when there is none): the system
 * `dot` whenever there is one, because it has real font metrics and every format; the WASM
 * build otherwise, which makes SVG (and PNG through resvg) but not PDF.
 */
export function planRender(format: ImageFormat, dotPath: string | null): RenderPlan {
  if (dotPath !== null) return { kind: 'system', command: dotPath, args: dotArgs(format) };
  if (format === 'pdf') {
    throw new RenderError('PDF output needs the Graphviz dot program, which was not found on PATH', {
      code: 'NO_GRAPHVIZ_FOR_PDF',
      hint: PDF_HINT,
    });
  }
  return { kind: 'wasm', format };
}

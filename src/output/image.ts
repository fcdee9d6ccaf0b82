import { spawn } from 'node:child_process';
import { FONT_STACK } from '../render/palette.js';
import { RenderError } from './errors.js';
import { findDotOnPath } from './findDot.js';
import type { ImageFormat } from './formats.js';
import { planRender } from './renderPlan.js';

export interface RenderDotOptions {
  /**
   * Graphviz's `dot` program: a path to run, `null` to use the bundled WASM Graphviz even when
   * `dot` is installed, or undefined to look for `dot` on PATH.
   * @default undefined
   */
  dotPath?: string | null;
  /** How long the system `dot` may run before it is killed. The WASM build runs to the end. @default 60000 */
  timeoutMs?: number;
  /** Told, in one sentence, when the image had to be shrunk to fit a bitmap's size limit. @default ignored */
  onWarning?: (message: string) => void;
}

/** The largest bitmap side Graphviz's cairo renderer draws; heapdot holds resvg's PNGs to it too. */
export const MAX_BITMAP_SIDE = 32767;

/** The warning for a picture drawn at `scale` (< 1) of its size. */
export function shrunkWarning(scale: number): string {
  const percent = Math.max(1, Math.round(scale * 100));
  return `the picture was shrunk to ${percent}% to fit ${MAX_BITMAP_SIDE} pixels and may be unreadable; draw fewer nodes (--max-nodes) or write .svg`;
}

/** `dot`'s "graph is too large for cairo-renderer bitmaps. Scaling by 0.375885 to fit": the scale, if any. */
export function dotScaling(stderr: string): number | undefined {
  const match = /Scaling by ([\d.]+)/.exec(stderr);
  return match ? Number(match[1]) : undefined;
}

const DEFAULT_TIMEOUT_MS = 60_000;
/** Enough of `dot`'s standard error to say what went wrong without flooding the terminal. */
const STDERR_LIMIT = 2000;

function stderrText(chunks: Buffer[]): string {
  const text = Buffer.concat(chunks).toString('utf8').trim();
  return text.length > STDERR_LIMIT ? `${text.slice(0, STDERR_LIMIT)}…` : text;
}

/** Runs `dot` with arguments only (no shell), DOT on standard input, the image from standard output. */
export function runSystemDot(
  command: string,
  args: string[],
  dot: string,
  timeoutMs: number,
  onWarning?: (message: string) => void,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const timer = setTimeout(() => {
      // Settle now: a killed program's own children could keep the pipes (and 'close') open.
      fail(new RenderError(`${command} took longer than ${timeoutMs} ms`, { code: 'DOT_TIMEOUT' }));
      child.kill('SIGKILL');
      child.stdout.destroy();
      child.stderr.destroy();
    }, timeoutMs);
    function fail(error: RenderError): void {
      clearTimeout(timer);
      reject(error);
    }
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    // `dot` may exit before reading all its input; its exit status says why, not EPIPE.
    child.stdin.on('error', () => {});
    child.on('error', (cause) => {
      fail(new RenderError(`cannot run ${command}`, { code: 'DOT_FAILED', cause, stderr: cause.message }));
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      if (exitCode === 0) {
        const scale = dotScaling(Buffer.concat(stderr).toString('utf8'));
        if (scale !== undefined && scale < 1) onWarning?.(shrunkWarning(scale));
        return resolve(new Uint8Array(Buffer.concat(stdout)));
      }
      const status = signal === null ? `exit status ${exitCode}` : `signal ${signal}`;
      reject(
        new RenderError(`${command} failed (${status})`, { code: 'DOT_FAILED', stderr: stderrText(stderr) }),
      );
    });
    child.stdin.end(dot);
  });
}

/** DOT to SVG with the bundled WASM Graphviz, loaded on first use (the module caches it). */
export async function wasmDotToSvg(dot: string): Promise<string> {
  const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
  // Not cached here: the module unloads its instance after a failed layout and reloads on `load()`.
  const graphviz = await Graphviz.load();
  try {
    return graphviz.dot(dot, 'svg');
  } catch (cause) {
    const message = cause instanceof Error ? cause.message.trim() : String(cause);
    throw new RenderError('Graphviz (WASM) could not lay out the graph', {
      code: 'WASM_FAILED',
      stderr: message,
      cause,
    });
  }
}

/**
 * Graphviz writes `font-family="Helvetica,sans-Serif"`; resvg does not know the capitalised
 * generic name, and Helvetica is missing on most Linux machines, so list the usual sans fonts.
 */
const GRAPHVIZ_SANS = 'font-family="Helvetica,sans-Serif"';
const PORTABLE_SANS = `font-family="${FONT_STACK}"`;

/** An SVG length (`123pt`, `456`, `78px`) in CSS pixels, as resvg draws it; NaN when it is none of these. */
function svgPixels(length: string | undefined): number {
  const match = /^([\d.]+)(pt|px)?$/.exec(length ?? '');
  if (!match) return Number.NaN;
  return Number(match[1]) * (match[2] === 'pt' ? 96 / 72 : 1);
}

/** How much a picture must shrink so that no side passes MAX_BITMAP_SIDE pixels (1 when it fits). */
function bitmapScale(svg: string): number {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = svgPixels(/\swidth="([^"]*)"/.exec(root)?.[1]);
  const height = svgPixels(/\sheight="([^"]*)"/.exec(root)?.[1]);
  const side = Math.max(width || 0, height || 0);
  return side > MAX_BITMAP_SIDE ? MAX_BITMAP_SIDE / side : 1;
}

/**
 * SVG to PNG with resvg, on a white background (Graphviz's own PNG has one), with the system's
 * fonts. A picture larger than Graphviz's bitmap limit is shrunk to it, as `dot` does, and
 * `onWarning` is told.
 */
export async function svgToPng(svg: string, onWarning?: (message: string) => void): Promise<Uint8Array> {
  const { renderAsync } = await import('@resvg/resvg-js');
  const scale = bitmapScale(svg);
  if (scale < 1) onWarning?.(shrunkWarning(scale));
  try {
    const image = await renderAsync(svg.replaceAll(GRAPHVIZ_SANS, PORTABLE_SANS), {
      background: 'white',
      font: { loadSystemFonts: true },
      logLevel: 'off',
      ...(scale < 1 ? { fitTo: { mode: 'zoom' as const, value: scale } } : {}),
    });
    return new Uint8Array(image.asPng());
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new RenderError('cannot turn the SVG into PNG', { code: 'PNG_FAILED', stderr: message, cause });
  }
}

/**
 * A DOT document as an SVG, PNG or PDF image. Uses the system `dot` when there is one (see
 * `RenderDotOptions.dotPath`), the bundled WASM Graphviz otherwise; PDF without a system `dot`
 * throws `RenderError` `NO_GRAPHVIZ_FOR_PDF`. Failures are `RenderError`s with `dot`'s stderr.
 */
export async function renderDot(
  dot: string,
  format: ImageFormat,
  options: RenderDotOptions = {},
): Promise<Uint8Array> {
  const dotPath = options.dotPath === undefined ? (findDotOnPath() ?? null) : options.dotPath;
  const plan = planRender(format, dotPath);
  if (plan.kind === 'system') {
    return runSystemDot(
      plan.command,
      plan.args,
      dot,
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      options.onWarning,
    );
  }
  const svg = await wasmDotToSvg(dot);
  return plan.format === 'svg' ? new TextEncoder().encode(svg) : svgToPng(svg, options.onWarning);
}

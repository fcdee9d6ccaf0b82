import { spawn } from 'node:child_process';
import { RenderError } from './errors.js';
import { findDotOnPath } from './findDot.js';
import { planRender } from './renderPlan.js';
import type { ImageFormat } from './types.js';

export interface RenderDotOptions {
  /**
   * Graphviz's `dot` program: a path to run, `null` to use the bundled WASM Graphviz even when
   * `dot` is installed, or undefined to look for `dot` on PATH.
   * @default undefined
   */
  dotPath?: string | null;
  /** How long the system `dot` may run before it is killed. The WASM build runs to the end. @default 60000 */
  timeoutMs?: number;
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
      if (exitCode === 0) return resolve(new Uint8Array(Buffer.concat(stdout)));
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
const PORTABLE_SANS = `font-family="Helvetica,Arial,'Liberation Sans','DejaVu Sans','Noto Sans',sans-serif"`;

/** SVG to PNG with resvg, on a white background (Graphviz's own PNG has one), with the system's fonts. */
export async function svgToPng(svg: string): Promise<Uint8Array> {
  const { renderAsync } = await import('@resvg/resvg-js');
  try {
    const image = await renderAsync(svg.replaceAll(GRAPHVIZ_SANS, PORTABLE_SANS), {
      background: 'white',
      font: { loadSystemFonts: true },
      logLevel: 'off',
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
    return runSystemDot(plan.command, plan.args, dot, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  }
  const svg = await wasmDotToSvg(dot);
  return plan.format === 'svg' ? new TextEncoder().encode(svg) : svgToPng(svg);
}

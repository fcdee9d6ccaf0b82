/** Why an output could not be made; each code names one kind of failure. */
export type RenderErrorCode =
  | 'NO_GRAPHVIZ_FOR_PDF'
  | 'DOT_FAILED'
  | 'DOT_TIMEOUT'
  | 'WASM_FAILED'
  | 'PNG_FAILED'
  | 'OVERWRITES_INPUT'
  | 'WRITE_FAILED'
  | 'UNKNOWN_FORMAT'
  | 'FORMAT_MISMATCH'
  | 'FORMAT_NOT_WRITTEN';

export interface RenderErrorDetails {
  code: RenderErrorCode;
  /** One short sentence: what to do about it. */
  hint?: string;
  /** What Graphviz wrote on standard error, trimmed. */
  stderr?: string;
  /** The output the error is about, when it is about one (UNKNOWN_FORMAT). */
  path?: string;
  cause?: unknown;
}

/** Choosing, rendering or writing an output failed; the CLI prints it as one line, exit status 2. */
export class RenderError extends Error {
  readonly code: RenderErrorCode;
  readonly hint: string | undefined;
  readonly stderr: string | undefined;
  readonly path: string | undefined;

  constructor(problem: string, details: RenderErrorDetails) {
    const stderr = details.stderr ? `: ${details.stderr}` : '';
    const hint = details.hint ? ` (${details.hint})` : '';
    super(`${problem}${stderr}${hint}`, { cause: details.cause });
    this.name = 'RenderError';
    this.code = details.code;
    this.hint = details.hint;
    this.stderr = details.stderr;
    this.path = details.path;
  }
}

export function isRenderError(error: unknown): error is RenderError {
  return error instanceof RenderError;
}

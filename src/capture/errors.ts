/** Why a capture could not be made; the CLI shows the message as one line, exit status 2. */
export type CaptureErrorCode =
  | 'NO_SUCH_PROCESS'
  | 'NOT_PERMITTED'
  | 'NOT_NODE'
  | 'NO_INSPECTOR'
  | 'INSPECTOR_FAILED'
  | 'PROGRAM_FAILED'
  | 'NO_BROWSER'
  | 'BROWSER_FAILED'
  | 'NO_SUCH_PAGE'
  | 'SCENARIO_FAILED'
  | 'WRITE_FAILED';

export class CaptureError extends Error {
  override name = 'CaptureError';
  readonly code: CaptureErrorCode;

  constructor(message: string, code: CaptureErrorCode, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function isCaptureError(error: unknown): error is CaptureError {
  return error instanceof CaptureError;
}

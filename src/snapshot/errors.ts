/** Why a snapshot could not be read; each code names one kind of damage. */
export type SnapshotErrorCode =
  | 'NOT_FOUND'
  | 'UNREADABLE'
  | 'EMPTY'
  | 'BAD_GZIP'
  | 'BAD_JSON'
  | 'BAD_HEADER'
  | 'BAD_NUMBER'
  | 'COUNT_MISMATCH'
  | 'BAD_EDGE_TARGET'
  | 'BAD_STRING_INDEX'
  | 'MISSING_SECTION'
  | 'TOO_LARGE'
  /** Another JSON file V8 writes (a CPU or sampling heap profile), not a heap snapshot. */
  | 'NOT_A_SNAPSHOT';

export interface SnapshotErrorDetails {
  code: SnapshotErrorCode;
  /** The file as the user named it (`-` for standard input). */
  file: string;
  /** The section being read: `snapshot`, `nodes`, `edges`, `strings`, `locations`, or `top level`. */
  section: string;
  /** Byte offset in the (decompressed) JSON where the problem was seen. */
  offset: number;
  /** One short sentence: what to do about it. */
  hint?: string;
}

/** A snapshot that is not a readable V8 heap snapshot; the CLI prints it as one line, exit status 2. */
export class SnapshotFormatError extends Error {
  readonly code: SnapshotErrorCode;
  readonly file: string;
  readonly section: string;
  readonly offset: number;
  readonly hint: string | undefined;
  /** The sentence alone, without file and place: to rebuild the error elsewhere (a worker's). */
  readonly problem: string;

  constructor(problem: string, details: SnapshotErrorDetails) {
    const where = details.offset >= 0 ? `, section ${details.section}, byte ${details.offset}` : '';
    super(`${details.file}: ${problem}${where}${details.hint ? ` (${details.hint})` : ''}`);
    this.name = 'SnapshotFormatError';
    this.problem = problem;
    this.code = details.code;
    this.file = details.file;
    this.section = details.section;
    this.offset = details.offset;
    this.hint = details.hint;
  }
}

export function isSnapshotFormatError(error: unknown): error is SnapshotFormatError {
  return error instanceof SnapshotFormatError;
}

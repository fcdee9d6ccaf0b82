import { CommanderError } from 'commander';
import { isCaptureError, isRenderError, SnapshotFormatError, TargetSyntaxError } from '../index.js';

/** Exit statuses (DESIGN.md): 0 done; 1 target not found or no chain; 2 bad usage or unreadable input. */
export const EXIT_OK = 0;
export const EXIT_NOT_FOUND = 1;
export const EXIT_BAD_INPUT = 2;
/** 128 + SIGINT, as shells report a command stopped by Ctrl-C. */
export const EXIT_INTERRUPTED = 130;

/** An answer that is not an error of heapdot's but means "no" to a script: exit status 1. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** Bad usage that commander cannot see (e.g. a PNG to a terminal): exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** One line for standard error, and the exit status, for any error a command throws. */
export function describeError(error: unknown, debug: boolean): { message: string; exitCode: number } {
  if (error instanceof NotFoundError) return { message: error.message, exitCode: EXIT_NOT_FOUND };
  if (error instanceof Error && error.name === 'AbortError')
    return { message: 'interrupted', exitCode: EXIT_INTERRUPTED };
  if (error instanceof CommanderError)
    return { message: '', exitCode: error.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT };
  const known =
    error instanceof SnapshotFormatError ||
    error instanceof UsageError ||
    error instanceof TargetSyntaxError ||
    isCaptureError(error) ||
    isRenderError(error);
  if (known) return { message: (error as Error).message, exitCode: EXIT_BAD_INPUT };
  const text =
    error instanceof Error ? (debug ? (error.stack ?? error.message) : error.message) : String(error);
  const hint = debug ? '' : ' (run with --debug for details)';
  return { message: `internal error: ${text}${hint}`, exitCode: EXIT_BAD_INPUT };
}

/** The streams and environment a command runs with; tests pass their own. */
export interface CliIO {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Record<string, string | undefined>;
  /** Standard input, for a snapshot named `-`. */
  stdin?: NodeJS.ReadableStream;
  /** Aborted on Ctrl-C: a read in progress stops at the next chunk (exit status 130). */
  signal?: AbortSignal;
}

export interface OutputStream {
  write(chunk: string | Uint8Array): unknown;
  isTTY?: boolean;
  columns?: number;
}

export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, stdin: process.stdin };
}

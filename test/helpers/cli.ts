import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CliIO, OutputStream } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

class Collector implements OutputStream {
  readonly parts: Buffer[] = [];
  constructor(readonly isTTY = false) {}
  write(chunk: string | Uint8Array): boolean {
    this.parts.push(Buffer.from(chunk));
    return true;
  }
  text(): string {
    return Buffer.concat(this.parts).toString('utf8');
  }
}

/** Runs heapdot in this process with collected streams (fast; the same code as the binary). */
export async function heapdot(
  args: string[],
  options: { env?: Record<string, string>; tty?: boolean } = {},
): Promise<CliRun> {
  const stdout = new Collector(options.tty);
  const stderr = new Collector(options.tty);
  const io: CliIO = { stdout, stderr, env: options.env ?? {} };
  const code = await runCli(args, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

export const BIN = fileURLToPath(new URL('../../bin/heapdot.js', import.meta.url));

/** Runs the real executable (built into dist/ by `npm run build`) as a child process. */
export function heapdotProcess(
  args: string[],
  options: { input?: Buffer; env?: NodeJS.ProcessEnv; timeout?: number } = {},
): CliRun & { signal: NodeJS.Signals | null } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    input: options.input,
    env: options.env ?? { ...process.env, NO_COLOR: '1' },
    timeout: options.timeout ?? 60_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return {
    code: result.status ?? -1,
    signal: result.signal,
    stdout: result.stdout.toString('utf8'),
    stderr: result.stderr.toString('utf8'),
  };
}

import { Command, CommanderError } from 'commander';
import { backrefsCommand } from './commands/backrefs.js';
import { captureCommand } from './commands/capture.js';
import { chainCommand } from './commands/chain.js';
import { checkCommand } from './commands/check.js';
import { detachedCommand } from './commands/detached.js';
import { diffCommand } from './commands/diff.js';
import { dominatorsCommand } from './commands/dominators.js';
import { findCommand } from './commands/find.js';
import { graphsCommand } from './commands/graphs.js';
import { infoCommand } from './commands/info.js';
import { leaksCommand } from './commands/leaks.js';
import { pathsCommand } from './commands/paths.js';
import { refsCommand } from './commands/refs.js';
import { sitesCommand } from './commands/sites.js';
import { suspectsCommand } from './commands/suspects.js';
import { treemapCommand } from './commands/treemap.js';
import { trendCommand } from './commands/trend.js';
import { typesCommand } from './commands/types.js';
import { describeError, EXIT_OK } from './errors.js';
import { addCommandHelp, COMMAND_HELP, exitStatusHelp, TARGET_HELP } from './help.js';
import type { CliIO } from './io.js';
import { DEBUG_OPTION } from './options.js';
import { version } from './version.js';

const EXAMPLES = `
Examples:
  $ heapdot chain samples/after.heapsnapshot.gz ImageReqWrapper
  $ heapdot chain samples/after.heapsnapshot.gz ImageReqWrapper -o chain.png
  $ heapdot graphs samples/after.heapsnapshot.gz ImageReqWrapper --render png --max-depth 2
  $ heapdot find samples/after.heapsnapshot.gz ImageReqWrapper --limit 5
  $ heapdot info samples/after.heapsnapshot.gz

Each command's --help lists its options and examples (heapdot chain --help).

${TARGET_HELP}

${exitStatusHelp('the target matched nothing, or has no retainer chain (the output says which)')}
`;

/** The heapdot program, writing to the given streams; it never calls process.exit. */
export function createProgram(io: CliIO): Command {
  const program = new Command('heapdot')
    .description(
      'Why is this object still alive? Retainer chains from V8 heap snapshots, as pictures and text.',
    )
    .version(version(), '-V, --version')
    .option(...DEBUG_OPTION)
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXAMPLES);
  for (const make of [
    infoCommand,
    chainCommand,
    backrefsCommand,
    refsCommand,
    graphsCommand,
    dominatorsCommand,
    pathsCommand,
    treemapCommand,
    findCommand,
    trendCommand,
    typesCommand,
    diffCommand,
    leaksCommand,
    checkCommand,
    sitesCommand,
    detachedCommand,
    suspectsCommand,
    captureCommand,
  ]) {
    const command = make(io);
    // capture writes its own help; every other command gets its own examples, once.
    const help = COMMAND_HELP[command.name()];
    if (help) addCommandHelp(command, help);
    program.addCommand(command);
  }
  const output = {
    writeOut: (text: string) => io.stdout.write(text),
    writeErr: (text: string) => io.stderr.write(text),
    getOutHelpWidth: () => io.stdout.columns ?? 80,
    getErrHelpWidth: () => io.stderr.columns ?? 80,
  };
  program.configureOutput(output);
  program.exitOverride();
  for (const command of program.commands) command.configureOutput(output).exitOverride();
  return program;
}

/** Runs heapdot with `argv` (without `node` and the script) and returns the exit status. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    const debug = argv.includes('--debug');
    const { message, exitCode } = describeError(error, debug);
    // One line, whatever the message holds (Graphviz's own errors span several).
    const line = debug ? message : message.replace(/\s*[\r\n]+\s*/g, ' ');
    if (line && !(error instanceof CommanderError)) io.stderr.write(`heapdot: ${line}\n`);
    return exitCode;
  }
}

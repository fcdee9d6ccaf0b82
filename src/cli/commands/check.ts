import { Command } from 'commander';
import { checkSummary, outputsOf } from '../../index.js';
import { checkRenderers } from '../actions/check.js';
import { appendJobSummary, type CheckFileOptions, checkFileOutputs, planCheckFiles } from '../checkFiles.js';
import { checkPair } from '../checkPair.js';
import { addCheckRuleOptions, type CheckRuleOptions, checkRules, readBaseline } from '../checkRulesOption.js';
import { emitOutputs, planOutputs } from '../emit.js';
import { NotFoundError } from '../errors.js';
import { addCommandHelp } from '../help.js';
import type { CliIO } from '../io.js';
import { refuseStdinTwice } from '../load.js';
import { type AllOption, addAllOption, addCommonOptions, type CommonOptions } from '../options.js';

interface CheckOptions extends CommonOptions, AllOption, CheckRuleOptions, CheckFileOptions {}

const FORMATS = ['text', 'markdown', 'json'] as const;
const PAIR = 'samples/before.heapsnapshot.gz samples/after.heapsnapshot.gz';
const HELP = {
  examples: [
    `check ${PAIR} --max-growth ImageReqWrapper=100`,
    `check ${PAIR} --max-new ImageReqWrapper=0 --write-baseline known.json`,
    `check ${PAIR} --max-new ImageReqWrapper=0 --baseline known.json -o report.md --junit report.xml`,
  ],
  notFound: 'a rule failed (the report says which, with the chain of the nearest new object)',
};

export function checkCommand(io: CliIO): Command {
  const command = new Command('check')
    .description(
      'a leak test for CI: exit 1 when a class grows past a limit, with the chain of its nearest new object',
    )
    .argument('<before>', 'the earlier snapshot')
    .argument('<after>', 'the later snapshot (of the same process, for new objects)');
  addCheckRuleOptions(command)
    .option('--write-baseline <file>', 'write the failures there as known leaks (for --baseline), and pass')
    .option('--junit <file>', 'also write the report as JUnit XML')
    .option('--out-dir <dir>', "draw each failure's chain there (check-<n>-<class>.dot and .png)");
  addAllOption(command);
  addCommonOptions(command, FORMATS);
  addCommandHelp(command, HELP);
  return command.action(async (beforePath: string, afterPath: string, options: CheckOptions) => {
    const inputs = [beforePath, afterPath];
    refuseStdinTwice(inputs);
    const rules = await checkRules(options);
    const baseline = await readBaseline(options.baseline);
    const destinations = await planOutputs(options, FORMATS, inputs);
    await planCheckFiles(options, inputs);
    const report = await checkPair(io, inputs, rules, baseline, options);
    const outputs = outputsOf(destinations, checkRenderers(report));
    await emitOutputs(io, [...outputs, ...checkFileOutputs(report, options)], {
      quiet: options.quiet,
      protect: inputs,
    });
    await appendJobSummary(io, report);
    if (!report.passed && !options.writeBaseline)
      throw new NotFoundError(`check failed: ${checkSummary(report)}`);
  });
}

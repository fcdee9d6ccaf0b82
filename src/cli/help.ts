import type { Command } from 'commander';
import type { OutputFormat } from '../index.js';

const SAMPLE = 'samples/after.heapsnapshot.gz';
const BEFORE = 'samples/before.heapsnapshot.gz';

/** What each command's --help adds after its options: its own examples, and what its exit status 1 means. */
export interface CommandHelp {
  /** Two or three runnable examples (on samples/ wherever the command can take them). */
  examples: string[];
  /** A heading note for the examples, when they need one. */
  note?: string;
  /** What exit status 1 means for this command; none when it never exits 1. */
  notFound?: string;
  /** The command takes a <target> to match (help then says what one is). */
  target?: boolean;
}

const NOT_FOUND = 'the target matched nothing (the nearest class names are suggested)';

/** One entry per command that reads snapshots (capture writes its own help). */
export const COMMAND_HELP: Readonly<Record<string, CommandHelp>> = {
  info: { examples: [`info ${SAMPLE}`, `info ${SAMPLE} --format json`] },
  chain: {
    target: true,
    examples: [
      `chain ${SAMPLE} ImageReqWrapper`,
      `chain ${SAMPLE} ImageReqWrapper -o chain.png`,
      `chain ${SAMPLE} ImageReqWrapper --format markdown`,
    ],
    notFound: 'the target matched nothing, or has no retainer chain (the output says which)',
  },
  backrefs: {
    target: true,
    examples: [
      `backrefs ${SAMPLE} ImageReqWrapper --max-depth 2`,
      `backrefs ${SAMPLE} ImageReqWrapper -o backrefs.png`,
    ],
    notFound: NOT_FOUND,
  },
  refs: {
    target: true,
    examples: [`refs ${SAMPLE} ImageReqWrapper --max-depth 2`, `refs ${SAMPLE} ImageFormatError -o refs.svg`],
    notFound: NOT_FOUND,
  },
  graphs: {
    target: true,
    examples: [
      `graphs ${SAMPLE} ImageReqWrapper --render png --max-depth 2`,
      `graphs ${SAMPLE} ImageFormatError --out-dir pictures`,
    ],
    notFound: NOT_FOUND,
  },
  dominators: {
    target: true,
    examples: [
      `dominators ${SAMPLE} ImageFormatError --depth 2`,
      `dominators ${SAMPLE} ImageReqWrapper --format json`,
    ],
    notFound: NOT_FOUND,
  },
  paths: {
    target: true,
    examples: [`paths ${SAMPLE} ImageReqWrapper`, `paths ${SAMPLE} /Buffer/ -o paths.png`],
    notFound: NOT_FOUND,
  },
  treemap: {
    target: true,
    examples: [`treemap ${SAMPLE} -o treemap.png`, `treemap ${SAMPLE} ImageFormatError --depth 2`],
    notFound: NOT_FOUND,
  },
  find: {
    target: true,
    examples: [
      `find ${SAMPLE} ImageReqWrapper --limit 5`,
      `find ${SAMPLE} /Buffer/ --sort retained --format json`,
      `find ${SAMPLE} "string:malformed image"`,
    ],
    notFound: NOT_FOUND,
  },
  types: {
    examples: [
      `types ${SAMPLE}`,
      `types ${SAMPLE} --sort retained --limit 10`,
      `types ${SAMPLE} --format csv`,
    ],
  },
  diff: {
    examples: [
      `diff ${BEFORE} ${SAMPLE}`,
      `diff ${BEFORE} ${SAMPLE} --out-dir dots --limit 5 --render png`,
      `diff ${BEFORE} ${SAMPLE} --new ImageReqWrapper`,
    ],
  },
  trend: {
    examples: [
      `trend ${BEFORE} ${SAMPLE}`,
      `trend ${BEFORE} ${SAMPLE} -o trend.csv -o trend.png`,
      `trend ${BEFORE} ${SAMPLE} --class ImageReqWrapper --class /Buffer/ --log -o trend.png`,
    ],
  },
  leaks: {
    note: 'the samples have two snapshots; pass a third, taken after the action is undone, last',
    examples: [
      `leaks ${BEFORE} ${SAMPLE} ${SAMPLE} --top 5`,
      `leaks ${BEFORE} ${SAMPLE} ${SAMPLE} --format json`,
    ],
    notFound: 'no object allocated between baseline and target is alive in final',
  },
  suspects: {
    examples: [
      `suspects ${BEFORE} ${SAMPLE}`,
      `suspects ${SAMPLE} --only holders,strings --share 5%`,
      `suspects ${BEFORE} ${SAMPLE} -o suspects.md --out-dir suspects/`,
    ],
  },
  sites: {
    note: 'sites needs snapshots taken with allocation tracking, the samples have none; capture takes one per SIGUSR2 to the program',
    examples: [
      'capture --track-allocations -o app.heapsnapshot -- node app.js',
      'sites app.heapsnapshot --stack --depth 4 --class ImageReqWrapper',
      'sites app.heapsnapshot app.2.heapsnapshot',
    ],
    notFound: 'no object of the --class',
  },
  detached: {
    note: "the samples are a Node heap, with no DOM to detach: pass a page's snapshot (Chromium, Edge, Electron)",
    examples: [
      `detached ${SAMPLE}`,
      `detached ${SAMPLE} --limit 3 -o detached.png`,
      `detached ${SAMPLE} --format markdown`,
    ],
  },
};

export const TARGET_HELP = `<target> is @123 or 123 (a snapshot id), a class name (ImageReqWrapper),
/regex/ (matching class names) or string:TEXT (strings containing TEXT).`;

/** The exit statuses; `notFound` is what status 1 means, left out for a command that never exits 1. */
export function exitStatusHelp(notFound?: string): string {
  return [
    'Exit status:',
    '  0  done',
    ...(notFound ? [`  1  ${notFound}`] : []),
    '  2  bad usage or an unreadable snapshot (one line on standard error)',
    '  130  interrupted (Ctrl-C); nothing was written',
  ].join('\n');
}

/** Adds a command's examples, what <target> is (only to commands that take one) and its exit statuses. */
export function addCommandHelp(command: Command, help: CommandHelp): Command {
  const heading = help.note ? `Examples (${help.note}):` : 'Examples:';
  const examples = help.examples.map((example) => `  $ heapdot ${example}`).join('\n');
  const target = help.target ? `\n${TARGET_HELP}\n` : '';
  return command.addHelpText(
    'after',
    `\n${heading}\n${examples}\n${target}\n${exitStatusHelp(help.notFound)}\n`,
  );
}

/** The files `-o` can write for a command's forms: images come from its DOT (or its own SVG). */
export function outputExtensions(formats: readonly OutputFormat[]): string[] {
  const extensions: string[] = [];
  for (const format of formats) extensions.push(...EXTENSIONS[format]);
  return [...new Set(extensions)];
}

const EXTENSIONS: Readonly<Record<OutputFormat, string[]>> = {
  text: ['.txt'],
  dot: ['.dot', '.svg', '.png', '.pdf'],
  markdown: ['.md'],
  mermaid: ['.mmd'],
  json: ['.json'],
  csv: ['.csv'],
  svg: ['.svg', '.png'],
};

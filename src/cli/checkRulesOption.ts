import { readFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError } from 'commander';
import {
  baselineFromJson,
  type CheckRule,
  type CheckRuleKind,
  type ClassPattern,
  type KnownLeak,
  parseTarget,
  TargetSyntaxError,
} from '../index.js';
import { UsageError } from './errors.js';

/** What check's rule options collect, in the order given. */
export interface CheckRuleOptions {
  maxGrowth?: CheckRule[];
  maxNew?: CheckRule[];
  absent?: CheckRule[];
  maxRetained?: CheckRule[];
  rules?: string;
  baseline?: string;
}

/** A class name or /regex/ (as a <target> is written), never an id or a string. */
function classPattern(text: string): ClassPattern {
  let spec: ReturnType<typeof parseTarget>;
  try {
    spec = parseTarget(text);
  } catch (error) {
    if (error instanceof TargetSyntaxError) throw new InvalidArgumentError(`${error.message}.`);
    throw error;
  }
  if (spec.kind === 'class' || spec.kind === 'regex') return spec;
  throw new InvalidArgumentError(`${text} is not a class: use a class name or /regex/.`);
}

const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  kib: 1024,
  mb: 1e6,
  mib: 1024 ** 2,
  gb: 1e9,
  gib: 1024 ** 3,
};

/** `5000`, `512 KiB`, `10MB`, `1.5 GiB`: bytes (KB, MB, GB are powers of 1000; KiB, MiB, GiB of 1024). */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = UNITS[(match?.[2] || 'b').toLowerCase()];
  if (!match || unit === undefined)
    throw new InvalidArgumentError('use a size such as 5000, 512KiB or 10MB.');
  return Math.round(Number(match[1]) * unit);
}

function parseLimit(kind: CheckRuleKind, text: string): number {
  if (kind === 'max-retained') return parseSize(text);
  if (!/^\d+$/.test(text)) throw new InvalidArgumentError('use a whole number >= 0.');
  return Number(text);
}

/** `CLASS=N` (or `CLASS` for absent) as a rule of `kind`. */
function ruleOf(kind: CheckRuleKind, value: string): CheckRule {
  if (kind === 'absent') return { kind, classes: classPattern(value) };
  const split = value.lastIndexOf('=');
  if (split <= 0) throw new InvalidArgumentError(`use CLASS=${kind === 'max-retained' ? 'SIZE' : 'N'}.`);
  return {
    kind,
    classes: classPattern(value.slice(0, split)),
    limit: parseLimit(kind, value.slice(split + 1)),
  };
}

const RULE_OPTIONS: [CheckRuleKind, string, string][] = [
  [
    'max-growth',
    '--max-growth <class=n>',
    'fail when the count of CLASS (a name or /regex/) grows by more than N',
  ],
  [
    'max-new',
    '--max-new <class=n>',
    'fail when more than N objects of CLASS are new (ids in after, not in before)',
  ],
  ['absent', '--absent <class>', 'fail when any object of CLASS is in after'],
  [
    'max-retained',
    '--max-retained <class=size>',
    'fail when CLASS retains more than SIZE in after (512KiB, 10MB)',
  ],
];

/** Adds the rule options (each collects its rules under its own key), --rules and --baseline. */
export function addCheckRuleOptions(command: Command): Command {
  for (const [kind, flags, description] of RULE_OPTIONS)
    command.option(
      `${flags}`,
      `${description}; repeat for more`,
      (value: string, rules: CheckRule[] | undefined) => [...(rules ?? []), ruleOf(kind, value)],
    );
  return command
    .option(
      '--rules <file>',
      'read more rules from a JSON file: {"maxGrowth": {"Leaky": 10}, "absent": ["Detached <div>"]}',
    )
    .option('--baseline <file>', 'accept the known leaks listed there (by class and access path)');
}

const FILE_KEYS: Readonly<Record<string, CheckRuleKind>> = {
  maxGrowth: 'max-growth',
  maxNew: 'max-new',
  maxRetained: 'max-retained',
};

/** The rules of the options, in the order of RULE_OPTIONS, then those of --rules FILE. */
export async function checkRules(options: CheckRuleOptions): Promise<CheckRule[]> {
  const { maxGrowth = [], maxNew = [], absent = [], maxRetained = [] } = options;
  const rules = [...maxGrowth, ...maxNew, ...absent, ...maxRetained];
  if (options.rules !== undefined) rules.push(...rulesOfFile(options.rules, await readJson(options.rules)));
  if (rules.length === 0)
    throw new UsageError(
      'give at least one rule: --max-growth, --max-new, --absent, --max-retained or --rules',
    );
  return rules;
}

function rulesOfFile(file: string, json: unknown): CheckRule[] {
  const rules: CheckRule[] = [];
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new UsageError(`${file}: the rules are not a JSON object`);
  for (const [key, value] of Object.entries(json)) {
    const at = (what: string, run: () => CheckRule) => {
      try {
        rules.push(run());
      } catch (error) {
        throw new UsageError(`${file}: ${what}: ${(error as Error).message}`);
      }
    };
    if (key === 'absent' && Array.isArray(value)) {
      for (const [index, name] of value.entries())
        at(`absent[${index}]`, () => ruleOf('absent', String(name)));
    } else if (FILE_KEYS[key] && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [name, limit] of Object.entries(value))
        at(`${key}.${name}`, () => ruleOf(FILE_KEYS[key], `${name}=${limit}`));
    } else
      throw new UsageError(
        `${file}: unknown key ${JSON.stringify(key)}; use maxGrowth, maxNew, maxRetained ({"CLASS": limit}) or absent (["CLASS"])`,
      );
  }
  return rules;
}

/** The known leaks of --baseline FILE. */
export async function readBaseline(file: string | undefined): Promise<KnownLeak[] | undefined> {
  if (file === undefined) return undefined;
  const known = baselineFromJson(await readJson(file));
  if (typeof known === 'string') throw new UsageError(`${file}: ${known}`);
  return known;
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not JSON: ${(error as Error).message}`);
  }
}

import { AssertionError } from 'node:assert';
import { mkdtemp, rm, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CheckRule,
  type ClassPattern,
  evaluateRules,
  type RuleOutcome,
} from '../analysis/checkRules.js';
import { computeDistances } from '../analysis/distances.js';
import { hasId, sortedIds } from '../analysis/idSets.js';
import { isV8InternalClass } from '../analysis/internalClasses.js';
import { diffSide, diffSnapshots, newObjectIds } from '../analysis/snapshotDiff.js';
import { chainToText } from '../render/text/chainText.js';
import { exampleWords, outcomeText } from '../render/text/checkText.js';
import type { HeapGraph } from '../snapshot/heapGraph.js';
import { readSnapshot } from '../snapshot/readSnapshot.js';
import { checkReport } from '../view/checkReport.js';
import { exclusive, writeLiveSnapshot } from './inspectorSession.js';

export interface NoGrowthOptions {
  /** How many times to run `action` between the two snapshots, after one warm-up run. @default 7 */
  iterations?: number;
  /** The classes to watch (DevTools' names, or regular expressions). @default every class but V8's own */
  classes?: string | RegExp | readonly (string | RegExp)[];
  /** Per class name: the objects it may grow by over all the iterations (a bounded cache's). */
  allow?: Readonly<Record<string, number>>;
  /** Words to start the message with. @default 'expected no class to grow' */
  message?: string;
}

/**
 * fuite's test for a leak, inside a test: runs `action` once to warm up, takes a snapshot, runs
 * it `iterations` times, takes another, and fails (AssertionError) when a watched class has grown
 * by at least one object per iteration, and again over as many runs more to a third snapshot,
 * with that many of its first new objects still alive. The message lists each such class with its
 * counts and the user chain of its nearest new object, as `heapdot check` prints it. Two snapshots
 * when nothing grew, three when something did; each is written to a temporary file and read only
 * after the next, so that nothing of one is in the heap the next one sees.
 */
export async function expectNoGrowth(action: () => unknown, options: NoGrowthOptions = {}): Promise<void> {
  const iterations = options.iterations ?? 7;
  if (!Number.isInteger(iterations) || iterations < 1)
    throw new TypeError(`heapdot/live: expectNoGrowth needs iterations of at least 1, not ${iterations}`);
  const dir = await mkdtemp(join(tmpdir(), 'heapdot-growth-'));
  const file = (name: string) => join(dir, `${name}.heapsnapshot`);
  try {
    await action();
    await exclusive(() => writeLiveSnapshot(file('before')));
    for (let i = 0; i < iterations; i++) await action();
    // Taken as the first was, so that no code runs for the first time between the two: what V8
    // compiles (code, and the strings its constants are) would count as growth.
    await exclusive(() => writeLiveSnapshot(file('after')));
    const grown = await growth(file('before'), file('after'), iterations, options);
    if (grown.length === 0) return;
    // Only for a class that grew: as many runs again, and a third snapshot. A leak grows again,
    // and its new objects stay; what happens once (a library's lazy start, code V8 compiles) does
    // not happen again, and what a test runner had in flight (vitest's task updates) is gone.
    for (let i = 0; i < iterations; i++) await action();
    await exclusive(() => writeLiveSnapshot(file('again')));
    const again = new Set(
      (await growth(file('after'), file('again'), iterations, options)).map(
        ({ outcome }) => outcome.className,
      ),
    );
    const graph = await readSnapshot(file('again'), { name: 'the snapshot taken again' });
    const ids = sortedIds(graph);
    const stayed = grown.filter(
      ({ outcome, fresh }) =>
        again.has(outcome.className) && fresh.filter((id) => hasId(ids, id)).length > outcome.limit,
    );
    if (stayed.length === 0) return;
    // The chains are of new objects that stayed: every other object counts as old.
    const survivors = new Set(stayed.flatMap(({ fresh }) => fresh));
    const old = ids.filter((id) => !survivors.has(id));
    const report = checkReport({
      before: { name: 'the snapshot before', ids: old },
      after: graph,
      distances: computeDistances(graph),
      idsComparable: true,
      outcomes: stayed.map(({ outcome }) => outcome),
    });
    const lines = [
      `${options.message ?? 'expected no class to grow'} over ${iterations} iterations, but ${stayed.length === 1 ? '1 class' : `${stayed.length} classes`} did:`,
    ];
    for (const entry of report.entries) {
      lines.push(outcomeText(entry));
      if (!entry.example) continue;
      lines.push(`  ${exampleWords(entry)}:`);
      lines.push(
        ...chainToText(entry.example.chain)
          .trimEnd()
          .split('\n')
          .map((line) => `    ${line}`),
      );
    }
    throw new AssertionError({ message: `${lines.join('\n')}\n`, operator: 'fail' });
  } finally {
    // File by file: a recursive rm walks the folder with fs.Dir, whose code V8 compiles (and, once
    // flushed, compiles again) between one check's snapshots and the next's: growth of our own.
    for (const name of ['before', 'after', 'again']) await rm(file(name), { force: true });
    await rmdir(dir);
  }
}

/** A class that broke its rule between two snapshots, and the ids of its objects new in the second. */
interface Grown {
  outcome: RuleOutcome;
  fresh: number[];
}

/**
 * The classes that grew past their rule from `beforeFile` to `afterFile` (plain objects named
 * after the later snapshot's interfaces, as diff names them). Only these few numbers outlive the
 * call: the graphs are garbage before the next snapshot.
 */
async function growth(
  beforeFile: string,
  afterFile: string,
  iterations: number,
  options: NoGrowthOptions,
): Promise<Grown[]> {
  const graph = await readSnapshot(afterFile, { name: 'the snapshot after' });
  const after = diffSide(graph);
  const before = diffSide(await readSnapshot(beforeFile, { name: 'the snapshot before' }), {
    interfaces: after.interfaces,
  });
  const diff = diffSnapshots(before, after);
  return growthRules(iterations, options)
    .flatMap(([rules, skipClass]) => evaluateRules(rules, diff, { skipClass }))
    .filter((outcome) => !outcome.passed)
    .map((outcome) => ({
      outcome,
      fresh: notOnlyInCode(graph, newObjectIds(before, after, outcome.className!)),
    }))
    .filter(({ outcome, fresh }) => fresh.length > outcome.limit);
}

/**
 * The ids of objects something other than compiled code holds. Code V8 compiles for the first
 * time (or again, once it flushed it: Node 24 flushes bytecode that has not run for a while) holds
 * its constants, new strings among them, directly or through its constant pool (an internal
 * array only code holds): the engine's, not growth of the program's.
 */
function notOnlyInCode(graph: HeapGraph, ids: number[]): number[] {
  graph.indexIds();
  const { firstRetainer, retainerSource } = graph.retainers();
  const { code, array, hidden } = graph.nodeTypes;
  const onlyCode = (node: number, depth: number): boolean => {
    for (let r = firstRetainer[node]; r < firstRetainer[node + 1]; r++) {
      const holder = retainerSource[r];
      const type = graph.nodeType[holder];
      if (type === code) continue;
      // A constant pool or a code's internal list, itself held by code alone.
      if (depth > 0 && (type === array || type === hidden) && onlyCode(holder, depth - 1)) continue;
      return false;
    }
    return true;
  };
  return ids.filter((id) => !onlyCode(graph.ordinalOfId(id), 2));
}

/**
 * The max-growth rules, each group with the classes its /regex/ patterns pass over: a watched
 * class may grow by fewer objects than there were iterations, an allowed one by its allowance.
 */
function growthRules(
  iterations: number,
  options: NoGrowthOptions,
): [CheckRule[], (className: string) => boolean][] {
  const allowed = new Map(Object.entries(options.allow ?? {}));
  const watched = watchedPatterns(options.classes);
  const limit = (pattern: ClassPattern) =>
    (pattern.kind === 'class' ? allowed.get(pattern.name) : undefined) ?? iterations - 1;
  const rules: CheckRule[] = watched.map((classes) => ({
    kind: 'max-growth',
    classes,
    limit: limit(classes),
  }));
  // A class a /regex/ watches and `allow` names is measured once, against its allowance.
  const allowedRules: CheckRule[] = [...allowed]
    .filter(
      ([name]) =>
        !isV8InternalClass(name) &&
        !watched.some((pattern) => pattern.kind === 'class' && pattern.name === name) &&
        watched.some((pattern) => pattern.kind === 'regex' && pattern.pattern.test(name)),
    )
    .map(([name, allowance]) => ({
      kind: 'max-growth',
      classes: { kind: 'class', name },
      limit: allowance,
    }));
  const skipClass = (className: string) => isV8InternalClass(className) || allowed.has(className);
  return [
    [rules, skipClass],
    [allowedRules, skipClass],
  ];
}

function watchedPatterns(classes: NoGrowthOptions['classes']): ClassPattern[] {
  if (classes === undefined) return [{ kind: 'regex', pattern: /(?:)/ }];
  const list = typeof classes === 'string' || classes instanceof RegExp ? [classes] : classes;
  return list.map((entry) =>
    typeof entry === 'string' ? { kind: 'class', name: entry } : { kind: 'regex', pattern: entry },
  );
}

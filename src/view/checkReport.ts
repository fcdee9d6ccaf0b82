import { retainerChain } from '../analysis/chain.js';
import type { RuleOutcome } from '../analysis/checkRules.js';
import type { Distances } from '../analysis/distances.js';
import { hasId } from '../analysis/idSets.js';
import { selectTarget } from '../analysis/selectTarget.js';
import { matchTarget } from '../analysis/targets.js';
import type { HeapGraph } from '../snapshot/heapGraph.js';
import { chainView } from './chainView.js';
import { mergedAccessPath, NO_USER_PATH } from './leakGroups.js';
import { pickAnchored } from './pickAnchored.js';
import type { ChainView } from './types.js';
import { userChain } from './userChain.js';

/** A leak a team has accepted: its class, and its access path with indexes and keys merged. */
export interface KnownLeak {
  className: string;
  accessPath: string;
}

/** The object that shows why a rule failed: the nearest new object of the class, as `heapdot chain` picks it. */
export interface CheckExample {
  id: number;
  /** False when no object of the class is new (or ids do not compare): the nearest of all of them. */
  isNew: boolean;
  /** Its chain, with the user chain when an anchor reaches it (what `heapdot chain` prints). */
  chain: ChainView;
  /** The user chain's access path with indexes and keys merged (`globalThis.leaked[*]`): what a baseline matches. */
  knownPath: string;
}

export interface CheckEntry extends RuleOutcome {
  /** A failure the baseline accepts: it does not fail the check. */
  known: boolean;
  /** For a failure: the object whose chain says why. */
  example?: CheckExample;
}

export interface CheckReport {
  before: string;
  after: string;
  /** Whether an id in both snapshots names one object (checkIds): "new" means something. */
  idsComparable: boolean;
  entries: CheckEntry[];
  /** Failures the baseline does not accept. */
  failed: number;
  /** Failures the baseline accepts. */
  known: number;
  passed: boolean;
}

export interface CheckReportInput {
  before: { name: string; ids: Uint32Array };
  after: HeapGraph;
  distances: Distances;
  idsComparable: boolean;
  outcomes: readonly RuleOutcome[];
  baseline?: readonly KnownLeak[];
}

/**
 * The check's answer: each outcome, and for each failure the chain of the nearest new object of
 * its class in the later snapshot (the user chain `heapdot chain` would print for it), matched
 * against the baseline's known leaks by class and merged access path.
 */
export function checkReport(input: CheckReportInput): CheckReport {
  const { after, outcomes, baseline = [] } = input;
  const accepted = new Set(baseline.map((leak) => knownKey(leak)));
  const examples = new Map<string, CheckExample | undefined>();
  const entries = outcomes.map((outcome): CheckEntry => {
    if (outcome.passed || outcome.className === undefined) return { ...outcome, known: false };
    const { className } = outcome;
    if (!examples.has(className)) examples.set(className, example(input, className));
    const found = examples.get(className);
    const known = found !== undefined && accepted.has(knownKey({ className, accessPath: found.knownPath }));
    return { ...outcome, known, ...(found && { example: found }) };
  });
  const failed = entries.filter((entry) => !entry.passed && !entry.known).length;
  return {
    before: input.before.name,
    after: after.file,
    idsComparable: input.idsComparable,
    entries,
    failed,
    known: entries.filter((entry) => entry.known).length,
    passed: failed === 0,
  };
}

/** The known leaks a report's failures are: what `--write-baseline` writes, once each. */
export function knownLeaks(report: CheckReport): KnownLeak[] {
  const seen = new Map<string, KnownLeak>();
  for (const entry of report.entries) {
    if (entry.passed || entry.className === undefined || !entry.example) continue;
    const leak = { className: entry.className, accessPath: entry.example.knownPath };
    seen.set(knownKey(leak), leak);
  }
  return [...seen.values()];
}

function knownKey(leak: KnownLeak): string {
  return `${leak.className}\u0000${leak.accessPath}`;
}

function example(input: CheckReportInput, className: string): CheckExample | undefined {
  const { after: graph, before, idsComparable } = input;
  const instances = matchTarget(graph, { kind: 'class', name: className });
  const fresh = idsComparable
    ? instances.filter((node) => !hasId(before.ids, graph.nodeId[node]))
    : instances;
  const isNew = idsComparable && fresh.length > 0;
  const matches = isNew ? fresh : instances;
  const { chosen: nearest } = selectTarget(
    graph,
    input.distances,
    { kind: 'class', name: className },
    { matches },
  );
  if (nearest === undefined) return undefined;
  // As `heapdot chain` picks: the nearest an anchor other than the stack holds.
  const { chosen, distances, view } = pickAnchored(graph, matches, nearest, input.distances);
  const chain = retainerChain(graph, distances, chosen);
  const picture = chainView(graph, distances, chosen, chain, graph.file);
  const user = chain.kind === 'found' ? userChain(graph, chosen, undefined, view) : undefined;
  if (user) picture.user = user;
  return {
    id: graph.nodeId[chosen],
    isNew,
    chain: picture,
    knownPath: user ? mergedAccessPath(user) : NO_USER_PATH,
  };
}

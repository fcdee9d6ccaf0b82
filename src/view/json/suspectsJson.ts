import type { SuspectKind } from '../../analysis/suspectsTypes.js';
import type { ChainResult } from './chainJson.js';
import type { NodeSummary } from './nodeJson.js';

/** `heapdot suspects --format json` and heapdot/live's suspects(): stable (README, "Suspects"). */
export interface SuspectsJson {
  /** The snapshots, oldest first, as named; the suspects' objects are the last one's. */
  snapshots: string[];
  /** The last snapshot's heap: its root's retained size. */
  totalSize: number;
  /** The kinds looked for (--only). */
  kinds: SuspectKind[];
  /** How many suspects were found of each kind looked for, before --top. */
  found: Partial<Record<SuspectKind, number>>;
  suspects: SuspectJson[];
}

/** What every suspect says: its rank, kind, object (with retained size), access path and user chain. */
interface SuspectBase {
  rank: number;
  node: NodeSummary;
  /** The user view's access path to the object; null when no anchor reaches it. */
  accessPath: string | null;
  chain: ChainResult;
}

export type SuspectJson = SuspectBase &
  (
    | {
        kind: 'growing';
        /** Retained size per snapshot, oldest first. */
        retained: number[];
        /** Last retained size minus first. */
        growth: number;
        /** Entry count per snapshot, when it is a collection whose entries grew in every step. */
        entries?: number[];
        collection?: string;
      }
    | {
        kind: 'listeners';
        event: string;
        count: number;
        listener: { name: string; location: string | null };
        retainedSize: number;
      }
    | { kind: 'holders'; share: number; accumulationPoint: NodeSummary; accumulationPath: string | null }
    | {
        kind: 'strings';
        /** The text's first 100 characters. */
        text: string;
        copies: number;
        stringSize: number;
        wastedSize: number;
        /** Where the copies are held: access paths with indexes and keys merged, most copies first. */
        heldBy: HeldBy[];
      }
    | { kind: 'globals'; name: string }
  );

/** Copies of a string held through one access path (indexes and keys merged). */
export interface HeldBy {
  accessPath: string;
  count: number;
}

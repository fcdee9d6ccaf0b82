import type { HeapGraph } from '../snapshot/heapGraph.js';
import type { InterfaceDefinition } from '../snapshot/interfaceNames.js';
import { type CollectionEntries, collectionEntries } from './collectionEntries.js';
import { dominatorTree } from './dominators.js';
import type { Dominators } from './dominatorTypes.js';
import { globalSuspects } from './globalSuspects.js';
import { growingSuspects } from './growingSuspects.js';
import { GrowthTracker } from './growthTracker.js';
import { holderSuspects } from './holderSuspects.js';
import { checkIds, type IdCheck, type IdClasses } from './idCheck.js';
import { listenerSuspects } from './listenerSuspects.js';
import { diffSide } from './snapshotDiff.js';
import { stringSuspects } from './stringSuspects.js';
import {
  SUSPECT_KINDS,
  SUSPECTS_DEFAULTS,
  type Suspect,
  type SuspectKind,
  type SuspectsModel,
  type SuspectsOptions,
} from './suspectsTypes.js';

/** The last snapshot of a series, which the suspects are found in and named after. */
export interface LastSnapshot {
  graph: HeapGraph;
  dominators: Dominators;
}

/**
 * The suspects of a series of snapshots of one process, oldest first, added one at a time: what
 * survives of a snapshot once the next is added is its ids and classes (for the id check) and the
 * growth tracker's arrays, so a series holds one graph at a time (issue 19's memory budget).
 */
export class SuspectSeries {
  readonly #options: Required<Omit<SuspectsOptions, 'only'>>;
  readonly #kinds: SuspectKind[];
  readonly #tracker = new GrowthTracker();
  #previous: IdClasses | undefined;
  #interfaces: InterfaceDefinition[] | undefined;
  #last: (LastSnapshot & { collections: CollectionEntries }) | undefined;

  constructor(options: SuspectsOptions = {}) {
    const { only, ...thresholds } = options;
    this.#options = { ...SUSPECTS_DEFAULTS, ...withoutUndefined(thresholds) };
    this.#kinds = SUSPECT_KINDS.filter((kind) => !only || only.includes(kind));
  }

  /** The last snapshot added. */
  get last(): LastSnapshot | undefined {
    return this.#last;
  }

  /**
   * Adds the next snapshot. From the second on, its ids are checked against the previous one's
   * (as `diff` checks them, with plain objects named after the first snapshot's interfaces): a check
   * that fails is returned and the snapshot is not added (its growth would mean nothing).
   */
  add(graph: HeapGraph, dominators: Dominators): IdCheck | undefined {
    if (this.#kinds.includes('growing')) {
      const own = graph.interfaceNames().definitions;
      const side = diffSide(graph, { interfaces: this.#interfaces });
      if (this.#interfaces) graph.useInterfaceDefinitions(own);
      this.#interfaces ??= side.interfaces;
      const ids: IdClasses = { ids: side.ids, classOfId: side.classOfId, classNames: side.classNames };
      if (this.#previous) {
        const check = checkIds(this.#previous, ids);
        if (!check.comparable) return check;
      }
      this.#previous = ids;
    }
    const collections = collectionEntries(graph);
    if (this.#kinds.includes('growing')) this.#tracker.add(graph, dominators, collections);
    this.#last = { graph, dominators, collections };
    return undefined;
  }

  /**
   * Lets the last snapshot's graph go (the tracker keeps its numbers): call it before reading the
   * next one, so that a series holds one graph at a time (and a live series's next snapshot does
   * not find the previous graph in the heap). Then `suspects()` needs another `add`.
   */
  forgetLast(): void {
    this.#last = undefined;
  }

  /** Every suspect of the series in the last snapshot, ranked (SuspectsModel). */
  suspects(): SuspectsModel {
    const last = this.#last;
    if (!last) throw new Error('SuspectSeries.suspects: no snapshot was added');
    const { graph, dominators, collections } = last;
    const options = this.#options;
    const sizes = { dominators, tree: dominatorTree(graph, dominators) };
    const found: Suspect[] = [];
    const taken = new Set<number>();
    const add = (suspects: readonly Suspect[], node: (suspect: Suspect) => number = (s) => s.node) => {
      for (const suspect of suspects) {
        if (taken.has(node(suspect))) continue;
        taken.add(node(suspect));
        found.push(suspect);
      }
    };
    for (const kind of this.#kinds) {
      if (kind === 'growing')
        add(
          growingSuspects(
            graph,
            sizes,
            collections,
            this.#tracker.candidates(options.minGrowth, options.minEntries),
          ),
        );
      // Listeners are told apart by event, not by emitter.
      else if (kind === 'listeners') found.push(...listenerSuspects(graph, dominators, options.maxListeners));
      // A holder whose accumulation point is already a suspect says nothing new.
      else if (kind === 'holders')
        add(holderSuspects(graph, sizes, options.share), (s) =>
          s.kind === 'holders' ? s.accumulation : s.node,
        );
      else if (kind === 'strings') found.push(...stringSuspects(graph, options.minCopies));
      else add(globalSuspects(graph, dominators, options.minGlobalSize));
    }
    return {
      steps: this.#tracker.steps || 1,
      totalSize: dominators.retainedSize[graph.rootOrdinal],
      kinds: this.#kinds,
      suspects: found,
    };
  }
}

function withoutUndefined<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}

import { setTimeout as sleep } from 'node:timers/promises';
import {
  computeDominators,
  SuspectSeries,
  type SuspectsJson,
  type SuspectsOptions,
  suspectsView,
} from '../index.js';
import { snapshotThisProcess } from './inspectorSession.js';

export interface LiveSuspectsOptions extends SuspectsOptions {
  /** Snapshots taken: growth needs two or more. @default 3 */
  count?: number;
  /** Seconds between snapshots, while the process goes on serving. @default 60 */
  every?: number;
  /** Suspects listed. @default 20 */
  top?: number;
}

/**
 * `heapdot suspects` from inside a service that cannot be stopped: takes `count` snapshots of this
 * process `every` seconds apart (one inspector session, so ids compare), one graph held at a time,
 * and resolves to the report in the JSON shape of `heapdot suspects --format json`. Each snapshot
 * pauses the process while V8 walks its heap (about a second per 100 MB).
 */
export async function suspects(options: LiveSuspectsOptions = {}): Promise<SuspectsJson> {
  const { count = 3, every = 60, top = 20, ...thresholds } = options;
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`suspects: count must be a whole number >= 1, not ${count}`);
  if (!(every >= 0)) throw new RangeError(`suspects: every must be a number of seconds >= 0, not ${every}`);
  const series = new SuspectSeries(thresholds);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0) await sleep(every * 1000);
    const name = `this process, snapshot ${i + 1}`;
    names.push(name);
    // The previous graph goes first: the next snapshot would find it in this very heap.
    series.forgetLast();
    await addSnapshot(series, name, i);
  }
  const last = series.last;
  if (!last) throw new Error('suspects: no snapshot was taken');
  return suspectsView(series.suspects(), last, names, { top }).json;
}

/**
 * Takes the next snapshot and adds it to the series: in a function of its own, so that no variable
 * of `suspects` (kept while it sleeps) holds the graph when the next snapshot is taken.
 */
async function addSnapshot(series: SuspectSeries, name: string, index: number): Promise<void> {
  const graph = await snapshotThisProcess(name);
  // One session keeps one numbering; a check that fails here means V8 lost its ids between calls.
  const check = series.add(graph, computeDominators(graph));
  if (check) throw new Error(`suspects: snapshot ${index + 1} numbers objects anew (${check.problem})`);
}

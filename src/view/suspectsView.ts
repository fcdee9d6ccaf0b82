import { retainerChain } from '../analysis/chain.js';
import { compareText } from '../analysis/compare.js';
import { computeDistances, type Distances } from '../analysis/distances.js';
import { stringText } from '../analysis/stringText.js';
import type { LastSnapshot } from '../analysis/suspectSeries.js';
import type { Suspect, SuspectsModel } from '../analysis/suspectsTypes.js';
import { chainView } from './chainView.js';
import { classFileName } from './fileNames.js';
import { chainObject } from './json/chainJson.js';
import { nodeToJson } from './json/nodeJson.js';
import type { HeldBy, SuspectJson, SuspectsJson } from './json/suspectsJson.js';
import { mergedAccessPath, NO_USER_PATH } from './leakGroups.js';
import { nodeView } from './nodeView.js';
import { sourceLocation } from './sourceLocation.js';
import type { ChainView } from './types.js';
import { type UserView, userChain, userView } from './userChain.js';

/** One suspect, as its JSON and the user chain its text and picture draw. */
export interface SuspectView {
  json: SuspectJson;
  chain: ChainView;
  /** The picture's file name without extension: `suspect-<rank>-<kind>-<class>`. */
  pictureName: string;
}

export interface SuspectsView {
  json: SuspectsJson;
  suspects: SuspectView[];
}

export interface SuspectsViewOptions {
  /** Suspects listed. @default 20 */
  top?: number;
}

/** Copies of a duplicated string whose holders are looked up (the rest are counted as one more). */
const HOLDERS_LOOKED_UP = 1000;
const TEXT_MAX = 100;

/** What `heapdot suspects` shows: the first `top` suspects, each with its numbers and user chain. */
export function suspectsView(
  model: SuspectsModel,
  last: LastSnapshot,
  snapshots: readonly string[],
  options: SuspectsViewOptions = {},
): SuspectsView {
  const { graph, dominators } = last;
  const distances = computeDistances(graph);
  const view = userView(graph);
  const found: SuspectsJson['found'] = {};
  for (const kind of model.kinds) found[kind] = model.suspects.filter((s) => s.kind === kind).length;
  const name = snapshots[snapshots.length - 1];
  const suspects = model.suspects.slice(0, options.top ?? 20).map((suspect, index) => {
    const chain = chainOf(last, distances, view, suspect.node, name);
    const base = {
      rank: index + 1,
      node: nodeToJson(nodeView(graph, suspect.node, distances, dominators)),
      accessPath: chain.user?.accessPath ?? null,
      chain: chainObject(chain),
    };
    const json = { ...details(last, view, suspect), ...base } as SuspectJson;
    const pictureName = `suspect-${index + 1}-${suspect.kind}-${classFileName(graph.className(suspect.node))}`;
    return { json: reorder(json), chain, pictureName };
  });
  return {
    json: {
      snapshots: [...snapshots],
      totalSize: model.totalSize,
      kinds: model.kinds,
      found,
      suspects: suspects.map((s) => s.json),
    },
    suspects,
  };
}

function chainOf(
  last: LastSnapshot,
  distances: Distances,
  view: UserView,
  node: number,
  name: string,
): ChainView {
  const { graph, dominators } = last;
  const chain = chainView(graph, distances, node, retainerChain(graph, distances, node), name, dominators);
  const user = userChain(graph, node, dominators, view);
  if (user) chain.user = user;
  return chain;
}

/** rank and kind first, then the shared keys, then the kind's own (a stable order for JSON readers). */
function reorder(json: SuspectJson): SuspectJson {
  const { rank, kind, node, accessPath, chain, ...rest } = json;
  return { rank, kind, node, accessPath, ...rest, chain } as SuspectJson;
}

function details(last: LastSnapshot, view: UserView, suspect: Suspect): Record<string, unknown> {
  const { graph, dominators } = last;
  switch (suspect.kind) {
    case 'growing':
      return {
        kind: 'growing',
        retained: suspect.retained,
        growth: suspect.retained[suspect.retained.length - 1] - suspect.retained[0],
        ...(suspect.entries && { entries: suspect.entries, collection: suspect.collection }),
      };
    case 'listeners':
      return {
        kind: 'listeners',
        event: suspect.event,
        count: suspect.count,
        listener: {
          name: graph.nodeNameOf(suspect.listener) || '(anonymous)',
          location: sourceLocation(graph, suspect.listener) ?? null,
        },
        retainedSize: suspect.retainedSize,
      };
    case 'holders':
      return {
        kind: 'holders',
        share: suspect.share,
        accumulationPoint: nodeToJson(nodeView(graph, suspect.accumulation, undefined, dominators)),
        accumulationPath: userChain(graph, suspect.accumulation, dominators, view)?.accessPath ?? null,
      };
    case 'strings':
      return {
        kind: 'strings',
        text: stringText(graph, suspect.node, TEXT_MAX).text,
        copies: suspect.copies,
        stringSize: suspect.stringSize,
        wastedSize: suspect.wastedSize,
        heldBy: heldBy(last, view, suspect.nodes),
      };
    case 'globals':
      return { kind: 'globals', name: suspect.name };
  }
}

/** Where copies are held: each copy's access path with indexes and keys merged, most copies first. */
function heldBy(last: LastSnapshot, view: UserView, nodes: readonly number[]): HeldBy[] {
  const counts = new Map<string, number>();
  for (const node of nodes.slice(0, HOLDERS_LOOKED_UP)) {
    const chain = userChain(last.graph, node, undefined, view);
    const path = chain ? mergedAccessPath(chain) : NO_USER_PATH;
    counts.set(path, (counts.get(path) ?? 0) + 1);
  }
  const rest = nodes.length - Math.min(nodes.length, HOLDERS_LOOKED_UP);
  const list = [...counts].map(([accessPath, count]) => ({ accessPath, count }));
  list.sort((a, b) => b.count - a.count || compareText(a.accessPath, b.accessPath));
  if (rest > 0) list.push({ accessPath: '(not looked up)', count: rest });
  return list.slice(0, 5);
}

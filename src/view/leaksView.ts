import { retainerChain } from '../analysis/chain.js';
import type { Distances } from '../analysis/distances.js';
import { dominatorTree } from '../analysis/dominators.js';
import type { Dominators } from '../analysis/dominatorTypes.js';
import type { ClassGroup } from '../analysis/groupByClass.js';
import { pathsTree } from '../analysis/pathsTree.js';
import type { PathsTree } from '../analysis/pathsTypes.js';
import type { HeapGraph } from '../snapshot/heapGraph.js';
import { chainView } from './chainView.js';
import { classFileName, classFileNames } from './fileNames.js';
import { type PathsNodeJson, pathsObject } from './json/pathsJson.js';
import { type LeakGroup, leakGroups } from './leakGroups.js';
import type { ChainView } from './types.js';
import { type UserView, userChain, userView } from './userChain.js';

/** The three snapshots `heapdot leaks` compares, by the names it was given. */
export interface LeakSeries {
  baseline: string;
  target: string;
  final: string;
}

/** A group as `leaks --format json` lists it: without its nodes, with one object's id. */
export type WithExample<Group> = Omit<Group, 'nodes'> & { example: number };

/** `leaks --format json`: leaked objects by user-level path (memlab's clusters), then by class. */
export interface UserLeaksJson extends LeakSeries {
  leaked: number;
  groups: WithExample<LeakGroup>[];
  classes: WithExample<ClassGroup>[];
}

/** `leaks --raw --format json`: by class, and DevTools' shortest paths merged into a tree. */
export interface RawLeaksJson extends LeakSeries {
  leaked: number;
  classes: WithExample<ClassGroup>[];
  paths: PathsNodeJson;
}

/** A leaked object whose chain is drawn, and the picture's file name without extension. */
export interface LeakPicture {
  name: string;
  chain: ChainView;
}

export type LeaksView =
  | { kind: 'user'; json: UserLeaksJson; pictures: () => LeakPicture[] }
  | { kind: 'raw'; json: RawLeaksJson; tree: PathsTree; pictures: () => LeakPicture[] };

export interface LeaksViewInput {
  final: HeapGraph;
  /** The leaked objects: allocated between baseline and target, alive in final. */
  leaked: Uint32Array;
  distances: Distances;
  dominators: Dominators;
  /** The leaked objects by class (groupByClass), as the ranking shows them. */
  classes: readonly ClassGroup[];
}

export interface LeaksViewOptions {
  /** Groups and classes listed. */
  top: number;
  /** Group objects of V8's own classes too. @default false */
  all?: boolean;
  /** DevTools' graph: groups by class, paths merged, chains as DevTools gives them. @default false */
  raw?: boolean;
}

/**
 * What `heapdot leaks` shows: the user view groups leaked objects by user-level path, ranked by
 * retained size as memlab ranks its clusters, and draws the user chain of each group's first
 * object (chain-<n>-<class>); the raw view groups them by class with DevTools' merged paths, and
 * draws the chain of each class's nearest object (chain-<class>). Pictures are made only when asked.
 */
export function leaksView(input: LeaksViewInput, series: LeakSeries, options: LeaksViewOptions): LeaksView {
  const { final, leaked, dominators } = input;
  const classes = input.classes.slice(0, options.top);
  const base = {
    ...series,
    leaked: leaked.length,
    classes: classes.map((group) => withExample(final, group)),
  };
  if (options.raw) {
    const tree = pathsTree(final, input.distances, dominators, leaked, { top: options.top });
    const pictures = () => {
      const names = classFileNames(classes.map((group) => group.className));
      return classes.map((group, index) => {
        // The group's nearest object stands for it.
        const node = group.nodes.reduce((best, n) =>
          input.distances.raw[n] < input.distances.raw[best] ? n : best,
        );
        return { name: `chain-${names[index]}`, chain: leakChain(input, series, node) };
      });
    };
    return { kind: 'raw', json: { ...base, paths: pathsObject(tree) }, tree, pictures };
  }
  const view = userView(final);
  const sizes = { dominators, tree: dominatorTree(final, dominators) };
  const groups = leakGroups(final, view, leaked, sizes, { all: options.all }).slice(0, options.top);
  const json = {
    ...series,
    leaked: leaked.length,
    groups: groups.map((group) => withExample(final, group)),
    classes: base.classes,
  };
  const pictures = () =>
    groups.map((group, index) => ({
      name: `chain-${index + 1}-${classFileName(group.className)}`,
      chain: leakChain(input, series, group.nodes[0], view),
    }));
  return { kind: 'user', json, pictures };
}

function withExample<Group extends { nodes: number[] }>(graph: HeapGraph, group: Group): WithExample<Group> {
  const { nodes, ...rest } = group;
  return { ...rest, example: graph.nodeId[nodes[0]] };
}

/** The chain of one leaked object: the user chain when given the user view, DevTools' chain otherwise. */
function leakChain(input: LeaksViewInput, series: LeakSeries, node: number, view?: UserView): ChainView {
  const { final, distances, dominators } = input;
  const chain = chainView(
    final,
    distances,
    node,
    retainerChain(final, distances, node),
    series.final,
    dominators,
  );
  if (view) chain.user = userChain(final, node, dominators, view);
  return chain;
}

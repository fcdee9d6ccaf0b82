/**
 * Builders for render inputs: a ChainView reads as the path it describes, root first.
 * Sizes and ids are plausible for a Node.js heap but carry no meaning beyond the test.
 */

import type { EdgeSummary, NotFoundReason, RootKind } from '../../src/analysis/types.js';
import type { ChainView, NodeView } from '../../src/view/types.js';

type NodeFields = Partial<NodeView> & Pick<NodeView, 'id'>;

/** A plain JS object of class `className` unless told otherwise. */
export function objectNode(fields: NodeFields & { className: string }): NodeView {
  return {
    type: 'object',
    name: fields.className,
    title: fields.className,
    selfSize: 32,
    v8SelfSize: fields.selfSize ?? 32,
    isGcRoot: false,
    isUserRoot: false,
    ...fields,
  };
}

/** The snapshot's synthetic root (node 0), drawn as a GC root. */
export function snapshotRoot(): NodeView {
  return {
    id: 1,
    type: 'synthetic',
    name: '',
    className: '(synthetic)',
    title: '(root)',
    selfSize: 0,
    v8SelfSize: 0,
    distance: 0,
    isGcRoot: true,
    isUserRoot: false,
  };
}

/** Node's `global` object: a user root at distance 1. */
export function globalObject(): NodeView {
  return objectNode({ id: 3, className: 'global', selfSize: 48, distance: 1, isUserRoot: true });
}

export function stringNode(fields: { id: number; value: string; distance?: number }): NodeView {
  return {
    id: fields.id,
    type: 'string',
    name: fields.value,
    className: '(string)',
    title: '(string)',
    selfSize: 24,
    v8SelfSize: 24,
    preview: fields.value,
    distance: fields.distance,
    isGcRoot: false,
    isUserRoot: false,
  };
}

export function closureNode(fields: { id: number; name: string; location?: string }): NodeView {
  return {
    id: fields.id,
    type: 'closure',
    name: fields.name,
    className: 'Function',
    title: 'Function',
    selfSize: 32,
    v8SelfSize: 32,
    preview: fields.name,
    location: fields.location,
    isGcRoot: false,
    isUserRoot: false,
  };
}

export const property = (name: string): EdgeSummary => ({ type: 'property', name });
export const element = (index: number): EdgeSummary => ({ type: 'element', name: index });
export const contextVariable = (name: string): EdgeSummary => ({ type: 'context', name });
export const internal = (name: string): EdgeSummary => ({ type: 'internal', name });
export const hidden = (index: number): EdgeSummary => ({ type: 'hidden', name: index });
export const weak = (name: string): EdgeSummary => ({ type: 'weak', name });
export const shortcut = (name: string): EdgeSummary => ({ type: 'shortcut', name });

export interface Step {
  via: EdgeSummary;
  to: NodeView;
}

/** A found chain: `root`, then each step's edge and node; the last node is the target. */
export function foundChain(fields: {
  root: NodeView;
  steps: Step[];
  rootKind?: RootKind;
  snapshotName?: string;
}): ChainView {
  const nodes = [fields.root, ...fields.steps.map((step) => step.to)];
  return {
    snapshotName: fields.snapshotName ?? 'after.heapsnapshot',
    target: nodes[nodes.length - 1],
    found: true,
    rootKind: fields.rootKind ?? 'user',
    distance: fields.steps.length,
    nodes,
    edges: fields.steps.map((step) => step.via),
  };
}

export function notFoundChain(target: NodeView, reason: NotFoundReason): ChainView {
  return { snapshotName: 'after.heapsnapshot', target, found: false, reason, nodes: [], edges: [] };
}

/** The backing store of the Map that holds the request in `imageChain` and `leakBackrefs`. */
export function elementsTable(extra: { distance?: number } = {}): NodeView {
  return objectNode({
    id: 5003,
    type: 'array',
    name: '',
    className: '(object elements)',
    selfSize: 1040,
    preview: '128',
    ...extra,
  });
}

/** The target of `imageChain`: an ImageReqWrapper kept in a Map. */
export function imageReq(): NodeView {
  return objectNode({
    id: 91011,
    className: 'ImageReqWrapper',
    selfSize: 64,
    retainedSize: 1536,
    distance: 4,
  });
}

/** (root) -> global -> cache Map -> its table -> [7] ImageReqWrapper: every kind of edge style. */
export function imageChain(): ChainView {
  return foundChain({
    root: snapshotRoot(),
    steps: [
      { via: shortcut('global'), to: globalObject() },
      { via: property('cache'), to: objectNode({ id: 5001, className: 'Map', distance: 2 }) },
      {
        via: internal('table'),
        to: elementsTable({ distance: 3 }),
      },
      { via: element(7), to: imageReq() },
    ],
  });
}

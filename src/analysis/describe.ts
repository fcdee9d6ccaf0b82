import type { HeapGraph } from '../snapshot/heapGraph.js';
import { isUserRoot } from '../snapshot/userRoots.js';
import { Hops } from '../view/hops.js';
import { moduleName, stepLabel, timerName } from '../view/userChain.js';
import { anchorBox } from '../view/userLinks.js';
import { arrayPreview, indexedSlots } from './arrayPreview.js';
import type { RetainerChain } from './chain.js';
import { displayName } from './displayName.js';
import { type Distances, distanceOf } from './distances.js';
import type { Dominators } from './dominatorTypes.js';
import type { Neighbourhood } from './neighbourhood.js';
import { stringText } from './stringText.js';
import type {
  ChainResult,
  ChainView,
  EdgeSummary,
  GraphEdgeView,
  GraphNodeView,
  NeighbourhoodView,
  NodeSummary,
  NodeView,
} from './types.js';

/** A node as DESIGN.md's JSON shows it. */
export function nodeSummary(
  graph: HeapGraph,
  ordinal: number,
  distances?: Distances,
  dominators?: Dominators,
): NodeSummary {
  const summary: NodeSummary = {
    id: graph.nodeId[ordinal],
    type: graph.nodeTypeName(ordinal),
    name: graph.nodeNameOf(ordinal),
    className: graph.className(ordinal),
    selfSize: graph.selfSize(ordinal),
    v8SelfSize: graph.nodeSelfSize[ordinal],
  };
  const distance = distances && distanceOf(distances, ordinal);
  if (distance !== undefined) summary.distance = distance;
  if (dominators) summary.retainedSize = dominators.retainedSize[ordinal];
  if (graph.isDetached(ordinal)) summary.detached = true;
  return summary;
}

export function edgeSummary(graph: HeapGraph, edge: number): EdgeSummary {
  return { type: graph.edgeTypeName(edge), name: graph.edgeName(edge) };
}

/** A node with what a picture or a line of text shows of it beyond the JSON. */
export function nodeView(
  graph: HeapGraph,
  ordinal: number,
  distances?: Distances,
  dominators?: Dominators,
): NodeView {
  const view: NodeView = {
    ...nodeSummary(graph, ordinal, distances, dominators),
    title: displayName(graph, ordinal),
    isGcRoot: ordinal === graph.rootOrdinal || graph.nodeType[ordinal] === graph.nodeTypes.synthetic,
    isUserRoot: distances !== undefined && distances.raw[ordinal] === 1 && isUserRoot(graph, ordinal),
  };
  const preview = valuePreview(graph, ordinal);
  if (preview !== undefined) view.preview = preview;
  const location = sourceLocation(graph, ordinal);
  if (location !== undefined) view.location = location;
  return view;
}

export function chainResult(
  graph: HeapGraph,
  distances: Distances,
  target: number,
  chain: RetainerChain,
  dominators?: Dominators,
): ChainResult {
  const summary = nodeSummary(graph, target, distances, dominators);
  if (chain.kind === 'not-found') {
    return { target: summary, found: false, reason: chain.reason, nodes: [], edges: [] };
  }
  return {
    target: summary,
    found: true,
    rootKind: chain.rootKind,
    distance: chain.edges.length,
    nodes: chain.nodes.map((node) => nodeSummary(graph, node, distances, dominators)),
    edges: chain.edges.map((edge) => edgeSummary(graph, edge)),
  };
}

export function chainView(
  graph: HeapGraph,
  distances: Distances,
  target: number,
  chain: RetainerChain,
  snapshotName: string,
  dominators?: Dominators,
): ChainView {
  const base = { snapshotName, target: nodeView(graph, target, distances, dominators) };
  if (chain.kind === 'not-found')
    return { ...base, found: false, reason: chain.reason, nodes: [], edges: [] };
  return {
    ...base,
    found: true,
    rootKind: chain.rootKind,
    distance: chain.edges.length,
    nodes: chain.nodes.map((node) => nodeView(graph, node, distances, dominators)),
    edges: chain.edges.map((edge) => edgeSummary(graph, edge)),
  };
}

/** The first edge of `node` of the given type name and edge name, or -1. */
export function findEdge(graph: HeapGraph, node: number, type: string, name: string): number {
  const end = graph.firstEdge[node + 1];
  for (let edge = graph.firstEdge[node]; edge < end; edge++) {
    if (graph.edgeTypeName(edge) === type && graph.edgeName(edge) === name) return edge;
  }
  return -1;
}

const PREVIEW_PROPERTIES = 4;
/** How much of a lazy string's text a preview rebuilds: more than any label shows. */
const STRING_PREVIEW_MAX = 200;

/** A string's text as far as a preview needs it, `…` at the end when there is more (or more unknown). */
function lazyStringPreview(graph: HeapGraph, node: number): string {
  const { text, complete } = stringText(graph, node, STRING_PREVIEW_MAX);
  return complete ? text : `${text}…`;
}

/** A short value: a string's text, a number, a closure's name, an array's length, an object's keys. */
export function valuePreview(graph: HeapGraph, node: number): string | undefined {
  const type = graph.nodeType[node];
  const codes = graph.nodeTypes;
  if (type === codes.string) return graph.nodeNameOf(node);
  if (type === codes.concatenatedString) return lazyStringPreview(graph, node);
  if (type === codes.slicedString) {
    // A slice's own text is unknown: show its parent's, which the label says it is part of.
    const parent = findEdge(graph, node, 'internal', 'parent');
    return parent === -1 ? undefined : lazyStringPreview(graph, graph.edgeTarget[parent]);
  }
  if (type === codes.number) return graph.nodeNameOf(node);
  if (type === codes.closure) return graph.nodeNameOf(node) || '(anonymous)';
  if (type === codes.array) return arrayPreview(graph, node);
  if (type !== codes.object) return undefined;
  const name = graph.nodeNameOf(node);
  if (name === 'Array') {
    // V8 draws a JS array's elements as element edges of the array itself, or of its backing store.
    const own = indexedSlots(graph, node);
    const elements = own > 0 ? -1 : findEdge(graph, node, 'internal', 'elements');
    return `length ${elements === -1 ? own : indexedSlots(graph, graph.edgeTarget[elements])}`;
  }
  if (name !== 'Object') return undefined;
  const keys: string[] = [];
  const property = graph.edgeTypes.property;
  const end = graph.firstEdge[node + 1];
  for (let edge = graph.firstEdge[node]; edge < end && keys.length <= PREVIEW_PROPERTIES; edge++) {
    const key = graph.edgeName(edge);
    if (graph.edgeType[edge] === property && key !== '__proto__') keys.push(String(key));
  }
  if (keys.length === 0) return undefined;
  return `{${keys.slice(0, PREVIEW_PROPERTIES).join(', ')}${keys.length > PREVIEW_PROPERTIES ? ', …' : ''}}`;
}

/**
 * `script:line` (1-based) of a closure or object, from the snapshot's locations. The script's
 * name is found through the closure's SharedFunctionInfo (`shared` -> `script` -> `name`), as the
 * snapshot has no table of scripts.
 */
export function sourceLocation(graph: HeapGraph, node: number): string | undefined {
  const location = graph.location(node);
  if (!location) return undefined;
  const script = scriptName(graph, node);
  return `${script ?? `script ${location.scriptId}`}:${location.line + 1}`;
}

/** The short name of the script a closure (or an object's constructor) comes from. */
export function scriptName(graph: HeapGraph, node: number): string | undefined {
  let closure = node;
  if (graph.nodeType[node] !== graph.nodeTypes.closure) {
    // An object's location is its constructor's: look through `__proto__` -> `constructor`.
    const prototype = findEdge(graph, node, 'property', '__proto__');
    const constructorEdge =
      prototype === -1 ? -1 : findEdge(graph, graph.edgeTarget[prototype], 'property', 'constructor');
    if (constructorEdge === -1) return undefined;
    closure = graph.edgeTarget[constructorEdge];
  }
  const shared = findEdge(graph, closure, 'internal', 'shared');
  if (shared === -1) return undefined;
  const info = graph.edgeTarget[shared];
  let script = findEdge(graph, info, 'internal', 'script');
  if (script === -1) script = findEdge(graph, info, 'internal', 'script_or_debug_info');
  if (script === -1) return undefined;
  const name = findEdge(graph, graph.edgeTarget[script], 'internal', 'name');
  if (name === -1) return undefined;
  const text = graph.nodeNameOf(graph.edgeTarget[name]);
  return text === '' ? undefined : shortScriptName(text);
}

/** `file:///home/me/app/server.js` -> `server.js`: a picture's label has no room for paths. */
function shortScriptName(url: string): string {
  const slash = url.lastIndexOf('/');
  return slash === -1 ? url : url.slice(slash + 1);
}

/** A neighbourhood (backrefs, refs or merged chains) with what its picture shows of each node. */
export function neighbourhoodView(
  graph: HeapGraph,
  distances: Distances,
  model: Neighbourhood,
  kind: NeighbourhoodView['kind'],
  snapshotName: string,
  dominators?: Dominators,
): NeighbourhoodView {
  const key = (ordinal: number) => `o${graph.nodeId[ordinal]}`;
  const depthOf = new Map(model.nodes.map((node) => [node.ordinal, node.depth]));
  const hops = model.userView ? new Hops(graph) : undefined;
  // Per drawn node: -1, or the anchor it is (0 a module's scope, else a timer's callback edge).
  const anchors = new Map(
    model.nodes.map((node) => [node.ordinal, hops ? anchorBox(graph, hops, node.ordinal) : -1]),
  );
  const anchorName = (ordinal: number, hops: Hops): string | undefined => {
    const callback = anchors.get(ordinal) ?? -1;
    if (callback === -1) return undefined;
    if (callback === 0) return `module ${moduleName(graph, hops, ordinal)}`;
    return timerName(graph, hops, ordinal, graph.edgeTarget[callback]);
  };
  const nodes: GraphNodeView[] = model.nodes.map((node) => {
    const box: GraphNodeView = {
      kind: 'object',
      key: key(node.ordinal),
      node: nodeView(graph, node.ordinal, distances, dominators),
      depth: node.depth,
      isTarget: node.isTarget,
      highlighted: node.highlighted,
      expanded: node.expanded,
    };
    const anchor = hops === undefined ? undefined : anchorName(node.ordinal, hops);
    if (anchor !== undefined) box.anchor = anchor;
    return box;
  });
  // The user view's arrows are labelled by the same rules as the user chain's steps; a module's
  // variable by its name, a timer's callback as such.
  const anchorLabel = (from: number, edge: number, folded: number[]): string | undefined => {
    const anchor = anchors.get(from) ?? -1;
    if (anchor === 0 && folded.length === 0) return String(graph.edgeName(edge));
    return anchor === edge ? 'callback' : undefined;
  };
  const edges: GraphEdgeView[] = model.edges.map(({ from, to, edge, folded }) => {
    const arrow: GraphEdgeView = { from: key(from), to: key(to), edge: edgeSummary(graph, edge) };
    if (hops !== undefined && folded !== undefined) {
      const step = stepLabel(graph, hops, [...folded, edge]);
      const label = anchorLabel(from, edge, folded) ?? step.label;
      arrow.step = { label, raw: step.raw, folded: folded.map((raw) => graph.nodeId[graph.edgeTarget[raw]]) };
    }
    return arrow;
  });
  for (const { ordinal, count, breakdown } of model.omitted) {
    const of = key(ordinal);
    const more = `more:${graph.nodeId[ordinal]}:${model.direction}`;
    nodes.push({
      kind: 'more',
      key: more,
      count,
      breakdown,
      direction: model.direction,
      of,
      depth: (depthOf.get(ordinal) ?? 0) + 1,
    });
    edges.push(model.direction === 'retainers' ? { from: more, to: of } : { from: of, to: more });
  }
  return {
    kind,
    snapshotName,
    targets: model.nodes.filter((node) => node.isTarget).map((node) => graph.nodeId[node.ordinal]),
    maxDepth: model.maxDepth,
    nodes,
    edges,
    notes: model.notes,
    ...(model.userView && { userView: { ...model.userView } }),
  };
}

import type { Distances } from '../analysis/distances.js';
import type { Dominators } from '../analysis/dominatorTypes.js';
import { edgeSummary } from '../analysis/edgeSummary.js';
import type { Neighbourhood } from '../analysis/neighbourhoodTypes.js';
import type { HeapGraph } from '../snapshot/heapGraph.js';
import { Hops } from './hops.js';
import { nodeView } from './nodeView.js';
import { noteText } from './noteText.js';
import type { GraphEdgeView, GraphNodeView, NeighbourhoodView } from './types.js';
import { moduleName, stepLabel, timerName } from './userChain.js';
import { anchorBox } from './userLinks.js';

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
    notes: model.notes.map(noteText),
    ...(model.userView && { userView: { ...model.userView } }),
  };
}

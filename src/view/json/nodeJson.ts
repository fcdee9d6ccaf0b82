import { type Distances, distanceOf } from '../../analysis/distances.js';
import type { Dominators } from '../../analysis/dominatorTypes.js';
import type { HeapGraph } from '../../snapshot/heapGraph.js';

/** A node as heapdot reports it (DESIGN.md, "JSON of a chain"). */
export interface NodeSummary {
  id: number;
  type: string;
  name: string;
  className: string;
  /** DevTools' shallow size: V8's size plus the hidden and array objects only this node owns. */
  selfSize: number;
  /** V8's own size of the node, as the snapshot has it. */
  v8SelfSize: number;
  distance?: number;
  retainedSize?: number;
  detached?: boolean;
}

/** A node as DESIGN.md's JSON shows it, read from the graph. */
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

/**
 * A node as DESIGN.md's stable JSON has it: these keys in this order, optional ones only when
 * known. A view's drawing fields (title, preview, location, root flags) stay out of the contract.
 */
export function nodeToJson(node: NodeSummary): NodeSummary {
  const json: NodeSummary = {
    id: node.id,
    type: node.type,
    name: node.name,
    className: node.className,
    selfSize: node.selfSize,
    v8SelfSize: node.v8SelfSize,
  };
  if (node.distance !== undefined) json.distance = node.distance;
  if (node.retainedSize !== undefined) json.retainedSize = node.retainedSize;
  if (node.detached !== undefined) json.detached = node.detached;
  return json;
}

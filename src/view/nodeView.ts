import { displayName } from '../analysis/displayName.js';
import type { Distances } from '../analysis/distances.js';
import type { Dominators } from '../analysis/dominatorTypes.js';
import type { HeapGraph } from '../snapshot/heapGraph.js';
import { isUserRoot } from '../snapshot/userRoots.js';
import { nodeSummary } from './json/nodeJson.js';
import { sourceLocation } from './sourceLocation.js';
import type { NodeView } from './types.js';
import { valuePreview } from './valuePreview.js';

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

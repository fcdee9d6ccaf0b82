import { arrayPreview, indexedSlots } from '../analysis/arrayPreview.js';
import { findEdge } from '../analysis/findEdge.js';
import { stringText } from '../analysis/stringText.js';
import type { HeapGraph } from '../snapshot/heapGraph.js';

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

/**
 * The text of V8's lazy strings, which a snapshot does not store: a concatenated (cons) string is
 * named `(concatenated string)` and reaches its halves through `first` and `second` internal
 * edges, a sliced string `(sliced string)` and its whole through a `parent` edge (V8 writes no
 * offset or length for a slice, so a slice's own text is unknown: only its parent's is).
 *
 * Cons strings nest (`a + b + c` is `(a + b) + c`, a string built by `+=` in a loop is a tree as
 * deep as the loop was long), so every walk here keeps its own stack and stops at a length bound.
 */
import type { HeapGraph } from '../snapshot/heapGraph.js';

/** A node's kind of string: not one, flat (its name is its text), cons or sliced. */
const NOT_STRING = 0;
const FLAT = 1;
const CONS = 2;
const SLICED = 3;

/** The string-table indexes of the edge names V8 gives a lazy string's parts (-1: none in this snapshot). */
export interface StringParts {
  readonly kindOfType: Uint8Array;
  readonly first: number;
  readonly second: number;
  readonly parent: number;
}

const partsCache = new WeakMap<HeapGraph, StringParts>();

/** What `stringText` and `stringsContaining` need to know of the graph, found once per graph. */
export function stringParts(graph: HeapGraph): StringParts {
  let parts = partsCache.get(graph);
  if (parts === undefined) {
    const codes = graph.nodeTypes;
    const kindOfType = new Uint8Array(256);
    if (codes.string >= 0) kindOfType[codes.string] = FLAT;
    if (codes.concatenatedString >= 0) kindOfType[codes.concatenatedString] = CONS;
    if (codes.slicedString >= 0) kindOfType[codes.slicedString] = SLICED;
    parts = {
      kindOfType,
      first: graph.strings.indexOf('first'),
      second: graph.strings.indexOf('second'),
      parent: graph.strings.indexOf('parent'),
    };
    partsCache.set(graph, parts);
  }
  return parts;
}

/** The node an internal edge named by string index `name` leads to, or -1. */
function part(graph: HeapGraph, node: number, name: number): number {
  if (name === -1) return -1;
  const internal = graph.edgeTypes.internal;
  const end = graph.firstEdge[node + 1];
  for (let edge = graph.firstEdge[node]; edge < end; edge++) {
    if (graph.edgeType[edge] === internal && graph.edgeNameOrIndex[edge] === name)
      return graph.edgeTarget[edge];
  }
  return -1;
}

/** A string's text as far as it is known, with `complete` false when a part was missing or cut. */
export interface KnownText {
  text: string;
  complete: boolean;
}

/**
 * The first `maxLength` UTF-16 units of a string node's text (a flat string's own, a cons
 * string's rebuilt from its parts), or of its last ones with `fromEnd`. The walk stops at the
 * bound, and at a part whose text is unknown (a slice inside a cons, a missing edge), so the
 * known text is always a true prefix (or suffix) of the string.
 */
export function stringText(graph: HeapGraph, node: number, maxLength: number, fromEnd = false): KnownText {
  const parts = stringParts(graph);
  const [near, far] = fromEnd ? [parts.second, parts.first] : [parts.first, parts.second];
  const pieces: string[] = [];
  let length = 0;
  const stack = [node];
  while (stack.length > 0 && length < maxLength) {
    const current = stack.pop() as number;
    const kind = parts.kindOfType[graph.nodeType[current]];
    if (kind === FLAT) {
      const text = graph.nodeNameOf(current);
      pieces.push(text);
      length += text.length;
      continue;
    }
    const nearPart = kind === CONS ? part(graph, current, near) : -1;
    const farPart = kind === CONS ? part(graph, current, far) : -1;
    if (nearPart === -1 || farPart === -1)
      return { text: joined(pieces, maxLength, fromEnd), complete: false };
    stack.push(farPart, nearPart);
  }
  return { text: joined(pieces, maxLength, fromEnd), complete: stack.length === 0 && length <= maxLength };
}

function joined(pieces: string[], maxLength: number, fromEnd: boolean): string {
  if (fromEnd) {
    const text = pieces.reverse().join('');
    return text.length > maxLength ? text.slice(text.length - maxLength) : text;
  }
  const text = pieces.join('');
  return text.length > maxLength ? text.slice(0, maxLength) : text;
}

/** Per node: not yet known, being worked out (its parts are on the stack), and the two answers. */
const UNKNOWN = 0;
const PENDING = 1;
const ABSENT = 2;
const PRESENT = 3;

/**
 * A mark per node: 1 for the string nodes whose text contains `needle`. A flat string is tested
 * once per distinct text; a cons string contains the needle when one of its halves does, or when
 * the end of the first and the start of the second, `needle.length - 1` units of each, do, so no
 * whole text is rebuilt and any length is exact. A sliced string is marked when its parent's text
 * contains the needle: the slice may hold only part of it (V8 does not say where a slice starts),
 * but it is what keeps that text alive.
 */
export function stringsContaining(graph: HeapGraph, needle: string): Uint8Array {
  const parts = stringParts(graph);
  const { nodeCount, nodeType, nodeName } = graph;
  const nameState = new Uint8Array(graph.strings.count);
  const state = new Uint8Array(nodeCount);
  const overlap = Math.max(needle.length - 1, 0);
  const stack: number[] = [];
  const flatState = (node: number): number => {
    const name = nodeName[node];
    if (nameState[name] === UNKNOWN)
      nameState[name] = graph.strings.get(name).includes(needle) ? PRESENT : ABSENT;
    return nameState[name];
  };
  for (let start = 0; start < nodeCount; start++) {
    const kind = parts.kindOfType[nodeType[start]];
    if (kind === NOT_STRING || state[start] >= ABSENT) continue;
    if (kind === FLAT) {
      state[start] = flatState(start);
      continue;
    }
    // Post-order over the parts, children first, without recursion.
    stack.push(start);
    while (stack.length > 0) {
      const node = stack[stack.length - 1];
      const nodeKind = parts.kindOfType[nodeType[node]];
      if (nodeKind === FLAT) {
        state[node] = flatState(node);
        stack.pop();
        continue;
      }
      const a = nodeKind === CONS ? part(graph, node, parts.first) : part(graph, node, parts.parent);
      const b = nodeKind === CONS ? part(graph, node, parts.second) : -1;
      if (state[node] === UNKNOWN) {
        state[node] = PENDING;
        if (a !== -1 && state[a] === UNKNOWN && parts.kindOfType[nodeType[a]] !== NOT_STRING) stack.push(a);
        if (b !== -1 && state[b] === UNKNOWN && parts.kindOfType[nodeType[b]] !== NOT_STRING) stack.push(b);
        continue;
      }
      stack.pop();
      state[node] =
        state[a] === PRESENT || (b !== -1 && state[b] === PRESENT) || spans(graph, a, b, needle, overlap)
          ? PRESENT
          : ABSENT;
    }
  }
  for (let node = 0; node < nodeCount; node++) state[node] = state[node] === PRESENT ? 1 : 0;
  return state;
}

/** True when `needle` runs across the join of cons halves `a` and `b`. */
function spans(graph: HeapGraph, a: number, b: number, needle: string, overlap: number): boolean {
  if (a === -1 || b === -1 || overlap === 0) return false;
  const end = stringText(graph, a, overlap, true).text;
  const start = stringText(graph, b, overlap).text;
  return `${end}${start}`.includes(needle);
}

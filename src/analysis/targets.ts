import { classNameOfName, type HeapGraph } from '../snapshot/heapGraph.js';
import { NO_INTERFACE } from '../snapshot/interfaceNames.js';
import { compareNearest } from './compare.js';
import type { Distances } from './distances.js';
import { stringsContaining } from './stringText.js';

/** What a user names on the command line (DESIGN.md, `<target>`). */
export type TargetSpec =
  | { kind: 'id'; id: number }
  | { kind: 'class'; name: string }
  | { kind: 'regex'; pattern: RegExp }
  | { kind: 'string'; text: string };

export class TargetSyntaxError extends Error {
  override name = 'TargetSyntaxError';
}

/** `@123` or `123` (an id), `/regex/flags`, `string:TEXT`, or a class name. */
export function parseTarget(text: string): TargetSpec {
  const id = /^@?(\d+)$/.exec(text);
  if (id) return { kind: 'id', id: Number(id[1]) };
  if (text.startsWith('string:')) return { kind: 'string', text: text.slice('string:'.length) };
  const regex = /^\/(.*)\/([a-z]*)$/s.exec(text);
  if (regex) {
    try {
      return { kind: 'regex', pattern: new RegExp(regex[1], regex[2]) };
    } catch (error) {
      throw new TargetSyntaxError(`bad regular expression ${text}: ${(error as Error).message}`);
    }
  }
  if (text.length === 0) throw new TargetSyntaxError('the target is empty');
  return { kind: 'class', name: text };
}

/** How several matches are ordered and which one a one-object command takes. */
export type Pick = { kind: 'nearest' } | { kind: 'largest' } | { kind: 'nth'; n: number };

/** Per type or name: whether its class matches (BY_NAME: a type whose class is the node's name). */
const UNTESTED = 0;
const NO_MATCH = 1;
const MATCH = 2;
const BY_NAME = 3;

/** The ordinals of every node the target names, in no particular order. */
export function matchTarget(graph: HeapGraph, spec: TargetSpec): Uint32Array {
  switch (spec.kind) {
    case 'id': {
      const ordinal = graph.ordinalOfId(spec.id);
      return ordinal === -1 ? new Uint32Array(0) : Uint32Array.of(ordinal);
    }
    case 'class':
      // Interface names start with `{`: only those and `Object` need interface inference.
      return matchClass(
        graph,
        (className) => className === spec.name,
        spec.name.startsWith('{') || spec.name === 'Object',
      );
    case 'regex':
      return matchClass(
        graph,
        (className) => {
          spec.pattern.lastIndex = 0;
          return spec.pattern.test(className);
        },
        true,
      );
    case 'string':
      return matchStrings(graph, spec.text);
  }
}

/** Orders matches nearest first: DevTools' distance (user roots before system), then the smaller id. */
export function sortNearest(graph: HeapGraph, distances: Distances, ordinals: Uint32Array): Uint32Array {
  const sorted = Array.from(ordinals).sort((a, b) => compareNearest(graph, distances, a, b));
  return Uint32Array.from(sorted);
}

/**
 * Classes are tested once per distinct name, not once per node: object and native nodes take their
 * class from their name (a string index), the other types from their type. Plain objects take
 * theirs from their interface (tested once per interface) and detached native nodes from
 * `Detached ` and their name.
 */
function matchClass(
  graph: HeapGraph,
  test: (className: string) => boolean,
  interfaces: boolean,
): Uint32Array {
  const { nodeCount, nodeType, nodeName } = graph;
  const typeState = new Uint8Array(256);
  for (const code of [graph.nodeTypes.object, graph.nodeTypes.native])
    if (code >= 0) typeState[code] = BY_NAME;
  const native = graph.nodeTypes.native;
  const nameState = new Uint8Array(graph.strings.count);
  const detachedState = new Uint8Array(graph.strings.count);
  const names = interfaces ? graph.interfaceNames() : undefined;
  const interfaceState = new Uint8Array(names ? names.definitions.length : 0);
  let out: Uint32Array = new Uint32Array(1024);
  let count = 0;
  for (let node = 0; node < nodeCount; node++) {
    const type = nodeType[node];
    let state = typeState[type];
    if (state === BY_NAME) {
      const name = nodeName[node];
      const match = names?.isPlainObject(node) ? names.interfaceOf(node) : NO_INTERFACE;
      const detached = type === native && graph.isDetached(node);
      const states = detached ? detachedState : match === NO_INTERFACE ? nameState : interfaceState;
      const slot = match === NO_INTERFACE ? name : match;
      state = states[slot];
      if (state === UNTESTED) {
        const className =
          match !== NO_INTERFACE
            ? names!.definitions[match].name
            : classNameOfName(detached ? `Detached ${graph.strings.get(name)}` : graph.strings.get(name));
        state = states[slot] = test(className) ? MATCH : NO_MATCH;
      }
    } else if (state === UNTESTED) {
      state = typeState[type] = test(graph.className(node)) ? MATCH : NO_MATCH;
    }
    if (state === MATCH) {
      if (count === out.length) out = doubled(out);
      out[count++] = node;
    }
  }
  return out.slice(0, count);
}

function doubled(array: Uint32Array): Uint32Array {
  const bigger = new Uint32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** String nodes whose text contains `text`, lazy strings' text rebuilt from their parts (see stringText.ts). */
function matchStrings(graph: HeapGraph, text: string): Uint32Array {
  const marks = stringsContaining(graph, text);
  let count = 0;
  for (let node = 0; node < marks.length; node++) count += marks[node];
  const out = new Uint32Array(count);
  let next = 0;
  for (let node = 0; node < marks.length; node++) if (marks[node] === 1) out[next++] = node;
  return out;
}

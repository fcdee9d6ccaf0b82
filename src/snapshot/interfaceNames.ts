import type { HeapGraph } from './heapGraph.js';

/**
 * The names DevTools gives plain objects (`{id, meta, image}` instead of `Object`), following
 * front_end/entrypoints/heap_snapshot_worker/HeapSnapshot.ts: inferInterfaceDefinitions (the
 * popular property lists of the heap's plain objects become interfaces) and
 * applyInterfaceDefinitions (each plain object takes the interface with the most properties it has
 * all of, the earlier one on a tie).
 *
 * heapdot's change is where the work happens: DevTools builds a name string per object and sorts
 * each object's properties; heapdot walks each object's property names down a trie of the
 * distinct property sequences (keyed by numbers, no string per object), so the per-object cost is
 * one Map lookup per property, and names, sorting and matching happen once per distinct sequence.
 */

/** One interface DevTools infers: its name, the properties that define it, how many objects made it. */
export interface InterfaceDefinition {
  name: string;
  properties: string[];
  count: number;
}

// DevTools' constants (HeapSnapshot.ts), with its reasons.
/** After this many properties, a name stops growing once it would pass MAX_INTERFACE_NAME_LENGTH. */
const MIN_INTERFACE_PROPERTY_COUNT = 1;
const MAX_INTERFACE_NAME_LENGTH = 120;
/** An interface matches at least this many objects... */
const MIN_OBJECT_COUNT_PER_INTERFACE = 2;
/** ...and at least one plain object in this many. */
const MIN_OBJECT_PROPORTION_PER_INTERFACE = 1000;

const PLAIN_UNKNOWN = 0;
const PLAIN_YES = 1;
const PLAIN_NO = 2;
const NO_TERMINAL = -1;
/** Sentinel: the object matches no interface and keeps the class `Object`. */
export const NO_INTERFACE = -1;

/** A property name as DevTools writes it inside an interface name: quoted when it could confuse. */
export function formatPropertyName(name: string): string {
  if (!/[,'"{}]/.test(name)) return name;
  const quoted = JSON.stringify({ [name]: 0 });
  return quoted.substring(1, quoted.length - 3);
}

/**
 * The plain objects of a graph by property sequence, and which interface each sequence takes.
 * Built once per graph (HeapGraph asks for it when a plain object's class is first needed).
 */
export class InterfaceNames {
  readonly #graph: HeapGraph;
  /** Per string index: whether that name is `Object` (plain objects are named so). */
  readonly #plain: Uint8Array;
  /** Per string index: the canonical id of a property name (strings with equal text share one), or -1. */
  readonly #canon: Int32Array;
  readonly #canonNames: string[] = [];
  /** Canonical id of each distinct property name text (per distinct name, not per node). */
  readonly #canonIds = new Map<string, number>();
  /** Trie of property sequences: (parent node, canonical name) -> child node; node 0 is the empty sequence. */
  readonly #children = new Map<number | string, number>();
  readonly #parent: number[] = [-1];
  readonly #name: number[] = [-1];
  /** Per trie node: the plain objects whose whole sequence ends there. */
  readonly #objects: number[] = [0];
  /** Trie nodes that end some object's sequence, in order of their first object. */
  readonly #terminals: number[] = [];
  readonly #stride: number;
  readonly #numericKeys: boolean;
  /** The interfaces this graph's own objects make (DevTools' inferInterfaceDefinitions). */
  readonly inferred: InterfaceDefinition[];
  #definitions: InterfaceDefinition[] = [];
  /** Per trie node: the index of its interface in #definitions, NO_INTERFACE, or unknown (undefined). */
  #match = new Map<number, number>();

  constructor(graph: HeapGraph) {
    this.#graph = graph;
    this.#plain = new Uint8Array(graph.strings.count);
    this.#canon = new Int32Array(graph.strings.count).fill(-1);
    this.#stride = graph.strings.count + 1;
    this.#numericKeys = (graph.edgeCount + 1) * this.#stride < Number.MAX_SAFE_INTEGER;
    let plainObjects = 0;
    for (let node = 0; node < graph.nodeCount; node++) {
      if (!this.isPlainObject(node)) continue;
      plainObjects++;
      const terminal = this.#walk(node, true);
      if (this.#objects[terminal]++ === 0) this.#terminals.push(terminal);
    }
    this.inferred = this.#infer(plainObjects);
    this.use(this.inferred);
  }

  /** DevTools' isPlainJSObject: an `object` node named `Object`. */
  isPlainObject(node: number): boolean {
    const graph = this.#graph;
    if (graph.nodeType[node] !== graph.nodeTypes.object) return false;
    const name = graph.nodeName[node];
    let plain = this.#plain[name];
    if (plain === PLAIN_UNKNOWN) {
      plain = graph.strings.get(name) === 'Object' ? PLAIN_YES : PLAIN_NO;
      this.#plain[name] = plain;
    }
    return plain === PLAIN_YES;
  }

  /** The interfaces class names come from: this graph's own, or another snapshot's (as DevTools' Comparison does). */
  use(definitions: InterfaceDefinition[]): void {
    this.#definitions = definitions;
    this.#match = new Map();
  }

  get definitions(): InterfaceDefinition[] {
    return this.#definitions;
  }

  /** The index in `definitions` of the plain object's interface, or NO_INTERFACE. */
  interfaceOf(node: number): number {
    const terminal = this.#walk(node, false);
    if (terminal === NO_TERMINAL) return NO_INTERFACE;
    let match = this.#match.get(terminal);
    if (match === undefined) {
      match = matchInterface(this.#definitions, this.#sequence(terminal).sort());
      this.#match.set(terminal, match);
    }
    return match;
  }

  /** The class name of a plain object: its interface's name, or `Object`. */
  classNameOf(node: number): string {
    const match = this.interfaceOf(node);
    return match === NO_INTERFACE ? 'Object' : this.#definitions[match].name;
  }

  /** Follows the node's property names down the trie; adds what is missing when `grow`. */
  #walk(node: number, grow: boolean): number {
    const graph = this.#graph;
    const { firstEdge, edgeType, edgeNameOrIndex } = graph;
    const property = graph.edgeTypes.property;
    let at = 0;
    for (let edge = firstEdge[node]; edge < firstEdge[node + 1]; edge++) {
      if (edgeType[edge] !== property) continue;
      const name = this.#canonical(edgeNameOrIndex[edge]);
      const key = this.#numericKeys ? at * this.#stride + name : `${at}:${name}`;
      let next = this.#children.get(key);
      if (next === undefined) {
        if (!grow) return NO_TERMINAL;
        next = this.#parent.length;
        this.#parent.push(at);
        this.#name.push(name);
        this.#objects.push(0);
        this.#children.set(key, next);
      }
      at = next;
    }
    return at;
  }

  #canonical(stringIndex: number): number {
    let id = this.#canon[stringIndex];
    if (id === -1) {
      // Another string index with the same text (a writer that does not deduplicate) shares the id.
      id = this.#canonId(this.#graph.strings.get(stringIndex));
      this.#canon[stringIndex] = id;
    }
    return id;
  }

  #canonId(text: string): number {
    let id = this.#canonIds.get(text);
    if (id === undefined) {
      id = this.#canonNames.length;
      this.#canonNames.push(text);
      this.#canonIds.set(text, id);
    }
    return id;
  }

  /** The property names of a trie node's sequence, in edge order. */
  #sequence(terminal: number): string[] {
    const names: string[] = [];
    for (let at = terminal; at > 0; at = this.#parent[at]) names.push(this.#canonNames[this.#name[at]]);
    return names.reverse();
  }

  /** DevTools' inferInterfaceDefinitions, once per distinct sequence instead of once per object. */
  #infer(plainObjects: number): InterfaceDefinition[] {
    const candidates = new Map<string, InterfaceDefinition>();
    for (const terminal of this.#terminals) {
      let name = '{';
      const properties: string[] = [];
      for (const property of this.#sequence(terminal)) {
        if (property === '__proto__') continue;
        const formatted = formatPropertyName(property);
        if (
          name.length > MIN_INTERFACE_PROPERTY_COUNT &&
          name.length + formatted.length > MAX_INTERFACE_NAME_LENGTH
        )
          break;
        if (name.length !== 1) name += ', ';
        name += formatted;
        properties.push(property);
      }
      if (properties.length === 0) continue;
      name += '}';
      const candidate = candidates.get(name);
      if (candidate) candidate.count += this.#objects[terminal];
      else candidates.set(name, { name, properties, count: this.#objects[terminal] });
    }
    // Stable sort: among equal counts, the name first met in node order comes first, as in DevTools.
    const sorted = [...candidates.values()].sort((a, b) => b.count - a.count);
    const minCount = Math.max(
      MIN_OBJECT_COUNT_PER_INTERFACE,
      plainObjects / MIN_OBJECT_PROPORTION_PER_INTERFACE,
    );
    const end = sorted.findIndex((candidate) => candidate.count < minCount);
    return end === -1 ? sorted : sorted.slice(0, end);
  }
}

interface TreeNode {
  next: Map<string, TreeNode>;
  match: { index: number; propertyCount: number } | null;
  greatestNext: string | null;
}

const matchers = new WeakMap<InterfaceDefinition[], TreeNode>();

/**
 * DevTools' applyInterfaceDefinitions for one sorted property list: the definition with the most
 * properties all present, the earlier definition on a tie; NO_INTERFACE when none fits.
 */
function matchInterface(definitions: InterfaceDefinition[], sortedProperties: string[]): number {
  let tree = matchers.get(definitions);
  if (!tree) {
    tree = propertyTree(definitions);
    matchers.set(definitions, tree);
  }
  let best: { index: number; propertyCount: number } = { index: NO_INTERFACE, propertyCount: 0 };
  const better = (candidate: TreeNode['match']) => {
    if (!candidate) return;
    if (
      candidate.propertyCount > best.propertyCount ||
      (candidate.propertyCount === best.propertyCount &&
        (best.index === NO_INTERFACE || candidate.index < best.index))
    )
      best = candidate;
  };
  // DevTools' initial match is `Object` with no properties and an infinite index: a definition
  // with no properties beats it, and so does any other.
  better(tree.match);
  const states = new Set<TreeNode>([tree]);
  for (const property of sortedProperties) {
    // Only the states that existed before this property, as DevTools iterates them.
    for (const state of [...states]) {
      if (state.greatestNext === null || property >= state.greatestNext) states.delete(state);
      const next = state.next.get(property);
      if (next) {
        states.add(next);
        better(next.match);
      }
    }
  }
  return best.index;
}

function propertyTree(definitions: InterfaceDefinition[]): TreeNode {
  const root: TreeNode = { next: new Map(), match: null, greatestNext: null };
  definitions.forEach((definition, index) => {
    const properties = [...definition.properties].sort();
    let node = root;
    for (const property of properties) {
      let next = node.next.get(property);
      if (!next) {
        next = { next: new Map(), match: null, greatestNext: null };
        node.next.set(property, next);
        if (node.greatestNext === null || node.greatestNext < property) node.greatestNext = property;
      }
      node = next;
    }
    node.match ??= { index, propertyCount: properties.length };
  });
  return root;
}

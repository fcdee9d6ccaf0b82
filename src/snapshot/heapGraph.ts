import { AllocationTraces } from './allocationTraces.js';
import { detachedNodes } from './domState.js';
import type { SnapshotHeader } from './header.js';
import { type InterfaceDefinition, InterfaceNames } from './interfaceNames.js';
import { shallowSizes } from './shallowSizes.js';
import { findInOrder, lastAtMost, lowerBound, lowerBoundInOrder, sortedOrder } from './sortedSearch.js';
import type { StringTable } from './stringTable.js';
import type { TraceFunctionArrays, TraceTreeArrays } from './traceColumns.js';

/** Location lookups answered by a linear scan before the unsorted locations get a sorted index. */
const LOCATION_SCANS = 32;

/** How the snapshot was stored. */
export interface InputInfo {
  gzip: boolean;
  /** Size as stored (compressed for gzip), when known. */
  storedBytes: number | undefined;
  /** Size of the JSON text read. */
  jsonBytes: number;
}

/** The typed arrays a graph is made of; the reader fills them, nothing else writes them. */
export interface HeapGraphArrays {
  header: SnapshotHeader;
  input: InputInfo;
  /** The sections seen in the file, in order. */
  sections: string[];
  /** Per node (by ordinal): type code (index into header.nodeTypes). */
  nodeType: Uint8Array;
  /** Per node: index into the strings of its name. */
  nodeName: Uint32Array;
  /** Per node: the snapshot id, the `@id` DevTools shows. */
  nodeId: Uint32Array;
  /** Per node: self size in bytes (a double: a backing store can pass 4 GiB). */
  nodeSelfSize: Float64Array;
  /** Per node: 0 unknown, 1 attached, 2 detached; undefined when the snapshot has no such field. */
  nodeDetachedness: Uint8Array | undefined;
  /** Per node: allocation trace node id; undefined when the snapshot has none that is not 0. */
  nodeTraceId: Uint32Array | undefined;
  /** nodeCount + 1 entries: node i's edges are firstEdge[i] .. firstEdge[i + 1] - 1. */
  firstEdge: Uint32Array;
  /** Per edge: type code (index into header.edgeTypes). */
  edgeType: Uint8Array;
  /** Per edge: a string index, or the element/hidden index for those types. */
  edgeNameOrIndex: Uint32Array;
  /** Per edge: the target node's ordinal (V8's to_node divided by the node field count). */
  edgeTarget: Uint32Array;
  /** Locations, flat: per entry node ordinal, script id, line, column (0-based). */
  locations: Uint32Array;
  strings: StringTable;
  /** The allocation stacks' sections, when the snapshot has them. */
  traces?: { functions: TraceFunctionArrays; tree: TraceTreeArrays };
}

export interface NodeLocation {
  scriptId: number;
  line: number;
  column: number;
}

/** Classes of nodes by their `type` name, looked up once per graph. */
export interface NodeTypeCodes {
  hidden: number;
  array: number;
  string: number;
  object: number;
  code: number;
  closure: number;
  regexp: number;
  number: number;
  native: number;
  synthetic: number;
  concatenatedString: number;
  slicedString: number;
}

export interface EdgeTypeCodes {
  context: number;
  element: number;
  property: number;
  internal: number;
  hidden: number;
  shortcut: number;
  weak: number;
}

/**
 * A heap snapshot as a graph: a struct of typed arrays indexed by node ordinal and edge index,
 * edges stored by source (CSR), plus the indexes built only when a command asks for them.
 */
export class HeapGraph {
  readonly file: string;
  readonly header: SnapshotHeader;
  readonly input: InputInfo;
  readonly sections: readonly string[];
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly rootOrdinal: number;
  readonly nodeType: Uint8Array;
  readonly nodeName: Uint32Array;
  readonly nodeId: Uint32Array;
  readonly nodeSelfSize: Float64Array;
  readonly nodeDetachedness: Uint8Array | undefined;
  readonly nodeTraceId: Uint32Array | undefined;
  /**
   * The allocation stacks, when the snapshot was taken with allocation tracking on and some node
   * has one; undefined otherwise.
   */
  readonly allocationTraces: AllocationTraces | undefined;
  readonly firstEdge: Uint32Array;
  readonly edgeType: Uint8Array;
  readonly edgeNameOrIndex: Uint32Array;
  readonly edgeTarget: Uint32Array;
  readonly strings: StringTable;
  readonly nodeTypes: NodeTypeCodes;
  readonly edgeTypes: EdgeTypeCodes;
  readonly #locations: Uint32Array;
  /** Whether the locations are in node order (checked once); if not, #locationOrder sorts them. */
  readonly #locationsSorted: boolean;
  #locationOrder: Uint32Array | undefined;
  /** Lookups answered by a scan so far, before #locationOrder is worth making. */
  #locationScans = 0;
  #retainers: RetainerIndex | undefined;
  #idOrder: Uint32Array | undefined;
  #shallowSizes: Float64Array | undefined;
  #detached: Uint8Array | undefined | null;
  #interfaces: InterfaceNames | undefined;
  readonly #arrays: HeapGraphArrays;

  constructor(file: string, arrays: HeapGraphArrays) {
    this.#arrays = arrays;
    this.file = file;
    this.header = arrays.header;
    this.input = arrays.input;
    this.sections = arrays.sections;
    this.nodeCount = arrays.nodeType.length;
    this.edgeCount = arrays.edgeType.length;
    this.rootOrdinal = arrays.header.rootIndex / arrays.header.nodeFields.length;
    this.nodeType = arrays.nodeType;
    this.nodeName = arrays.nodeName;
    this.nodeId = arrays.nodeId;
    this.nodeSelfSize = arrays.nodeSelfSize;
    this.nodeDetachedness = arrays.nodeDetachedness;
    this.nodeTraceId = arrays.nodeTraceId;
    const traces = arrays.traces;
    this.allocationTraces =
      traces && arrays.nodeTraceId && traces.tree.id.length > 0
        ? new AllocationTraces(traces.functions, traces.tree, (index) => arrays.strings.get(index))
        : undefined;
    this.firstEdge = arrays.firstEdge;
    this.edgeType = arrays.edgeType;
    this.edgeNameOrIndex = arrays.edgeNameOrIndex;
    this.edgeTarget = arrays.edgeTarget;
    this.strings = arrays.strings;
    this.#locations = arrays.locations;
    let sorted = true;
    for (let i = 4; i < arrays.locations.length && sorted; i += 4)
      sorted = arrays.locations[i - 4] <= arrays.locations[i];
    this.#locationsSorted = sorted;
    const nodeCode = (name: string) => arrays.header.nodeTypes.indexOf(name);
    this.nodeTypes = {
      hidden: nodeCode('hidden'),
      array: nodeCode('array'),
      string: nodeCode('string'),
      object: nodeCode('object'),
      code: nodeCode('code'),
      closure: nodeCode('closure'),
      regexp: nodeCode('regexp'),
      number: nodeCode('number'),
      native: nodeCode('native'),
      synthetic: nodeCode('synthetic'),
      concatenatedString: nodeCode('concatenated string'),
      slicedString: nodeCode('sliced string'),
    };
    const edgeCode = (name: string) => arrays.header.edgeTypes.indexOf(name);
    this.edgeTypes = {
      context: edgeCode('context'),
      element: edgeCode('element'),
      property: edgeCode('property'),
      internal: edgeCode('internal'),
      hidden: edgeCode('hidden'),
      shortcut: edgeCode('shortcut'),
      weak: edgeCode('weak'),
    };
  }

  /**
   * The same graph with other edge types: a view for a question that counts some edges as another
   * type (heapdot/live counts the caller's own references as weak), leaving this graph's arrays as
   * the reader wrote them. Every other array is shared; the indexes are built again when asked.
   */
  withEdgeTypes(edgeType: Uint8Array): HeapGraph {
    if (edgeType.length !== this.edgeCount)
      throw new RangeError(`withEdgeTypes: ${edgeType.length} edge types for ${this.edgeCount} edges`);
    return new HeapGraph(this.file, { ...this.#arrays, edgeType });
  }

  /** The node's type name (`object`, `closure`, ...), or `unknown` for a code the header does not name. */
  nodeTypeName(ordinal: number): string {
    return this.header.nodeTypes[this.nodeType[ordinal]] ?? 'unknown';
  }

  nodeNameOf(ordinal: number): string {
    return this.strings.get(this.nodeName[ordinal]);
  }

  edgeTypeName(edge: number): string {
    return this.header.edgeTypes[this.edgeType[edge]] ?? 'unknown';
  }

  /** True for edge types whose name_or_index is an index, not a string. */
  edgeHasIndex(edge: number): boolean {
    const type = this.edgeType[edge];
    return type === this.edgeTypes.element || type === this.edgeTypes.hidden;
  }

  /** The edge's name: a property or variable name, or a number for element and hidden edges. */
  edgeName(edge: number): string | number {
    const value = this.edgeNameOrIndex[edge];
    return this.edgeHasIndex(edge) ? value : this.strings.get(value);
  }

  /** The ordinal of the node that owns edge `edge`: the last whose first edge is at or before it. */
  edgeSource(edge: number): number {
    return lastAtMost(this.firstEdge, edge);
  }

  /**
   * The ordinal of the node with snapshot id `id`, or -1. The first call sorts an index of ids
   * (one Uint32Array); a single lookup before that is a plain scan, which is cheaper than the sort.
   */
  ordinalOfId(id: number): number {
    const order = this.#idOrder;
    return order ? findInOrder(this.nodeId, order, id) : this.nodeId.indexOf(id);
  }

  /** Builds the id index now, for callers about to look up many ids. */
  indexIds(): void {
    this.#idOrder ??= sortedOrder(this.nodeId);
  }

  /** Who points at each node: built on first use (two arrays of edgeCount and one of nodeCount + 1). */
  retainers(): RetainerIndex {
    this.#retainers ??= buildRetainerIndex(this);
    return this.#retainers;
  }

  /** Where the node's code or constructor is, from the snapshot's `locations` section. */
  location(ordinal: number): NodeLocation | undefined {
    const locations = this.#locations;
    const count = locations.length / 4;
    // Node writes locations mostly, not wholly, in node order. Sorting an index of a million entries
    // costs about a hundred scans, and a command often asks for a handful (one chain): so the first
    // lookups scan, and only a command that asks for more sorts, once.
    if (!this.#locationsSorted && this.#locationOrder === undefined) {
      if (this.#locationScans < LOCATION_SCANS) {
        this.#locationScans++;
        for (let entry = 0; entry < count; entry++) {
          if (locations[entry * 4] === ordinal) return this.#locationAt(entry);
        }
        return undefined;
      }
      this.#locationOrder = sortedOrder(locations, 4);
    }
    // The first entry of the node, the one the scan finds: a duplicate cannot change the answer.
    const order = this.#locationOrder;
    const at = order ? lowerBoundInOrder(locations, order, ordinal, 4) : lowerBound(locations, ordinal, 4);
    const entry = at < count ? (order ? order[at] : at) : -1;
    return entry !== -1 && locations[entry * 4] === ordinal ? this.#locationAt(entry) : undefined;
  }

  get locationCount(): number {
    return this.#locations.length / 4;
  }

  #locationAt(entry: number): NodeLocation {
    const locations = this.#locations;
    return {
      scriptId: locations[entry * 4 + 1],
      line: locations[entry * 4 + 2],
      column: locations[entry * 4 + 3],
    };
  }

  /**
   * DevTools' class name of a node (DESIGN.md, Semantics): `(system)`, `Function`, a plain object's
   * interface (`{id, meta}`), `Detached <div>`, a constructor's name, `(string)`...
   */
  className(ordinal: number): string {
    const type = this.nodeType[ordinal];
    const codes = this.nodeTypes;
    if (type === codes.hidden) return '(system)';
    if (type === codes.object) {
      const interfaces = this.interfaceNames();
      if (interfaces.isPlainObject(ordinal)) return interfaces.classNameOf(ordinal);
      return classNameOfName(this.nodeNameOf(ordinal));
    }
    if (type === codes.native)
      return classNameOfName(
        this.isDetached(ordinal) ? `Detached ${this.nodeNameOf(ordinal)}` : this.nodeNameOf(ordinal),
      );
    if (type === codes.closure) return 'Function';
    if (type === codes.regexp) return 'RegExp';
    if (type === codes.code) return '(compiled code)';
    return `(${this.nodeTypeName(ordinal)})`;
  }

  /**
   * DevTools' shallow size of a node, the "self size" heapdot shows: V8's own size, plus that of
   * the hidden and array objects only this node owns (which then count 0). `nodeSelfSize` is V8's.
   */
  selfSize(ordinal: number): number {
    return this.shallowSizes()[ordinal];
  }

  /** Every node's shallow size (built on first use, one pass over the edges). */
  shallowSizes(): Float64Array {
    this.#shallowSizes ??= shallowSizes(this);
    return this.#shallowSizes;
  }

  /** True for a native node DevTools calls detached (its state propagated through the DOM). */
  isDetached(ordinal: number): boolean {
    if (this.#detached === undefined) this.#detached = detachedNodes(this) ?? null;
    return this.#detached !== null && this.#detached[ordinal] === 1;
  }

  /** The interfaces plain objects are named after (built when first needed). */
  interfaceNames(): InterfaceNames {
    this.#interfaces ??= new InterfaceNames(this);
    return this.#interfaces;
  }

  /**
   * Names plain objects after another snapshot's interfaces, as DevTools' Comparison view does, so
   * two snapshots group their objects under the same names.
   */
  useInterfaceDefinitions(definitions: InterfaceDefinition[]): void {
    this.interfaceNames().use(definitions);
  }
}

/** The class name an object or native node gets from its name, as DevTools shortens it. */
export function classNameOfName(name: string): string {
  if (name.startsWith('<')) {
    const space = name.indexOf(' ');
    return space === -1 ? name : `${name.substring(0, space)}>`;
  }
  if (name.startsWith('Detached <')) {
    const space = name.indexOf(' ', 10);
    return space === -1 ? name : `${name.substring(0, space)}>`;
  }
  return name;
}

/** Reverse edges in CSR form: the retainers of node i are retainerEdge[firstRetainer[i] .. firstRetainer[i+1]). */
export interface RetainerIndex {
  firstRetainer: Uint32Array;
  /** The edge index of each retaining edge. */
  retainerEdge: Uint32Array;
  /** The ordinal of each retaining edge's source. */
  retainerSource: Uint32Array;
}

/** Counting pass then fill pass, as DevTools builds its retainer arrays. */
function buildRetainerIndex(graph: HeapGraph): RetainerIndex {
  const { nodeCount, edgeCount, firstEdge, edgeTarget } = graph;
  const firstRetainer = new Uint32Array(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) firstRetainer[edgeTarget[e] + 1]++;
  for (let i = 0; i < nodeCount; i++) firstRetainer[i + 1] += firstRetainer[i];
  const fill = firstRetainer.slice(0, nodeCount);
  const retainerEdge = new Uint32Array(edgeCount);
  const retainerSource = new Uint32Array(edgeCount);
  for (let node = 0; node < nodeCount; node++) {
    const end = firstEdge[node + 1];
    for (let e = firstEdge[node]; e < end; e++) {
      const slot = fill[edgeTarget[e]]++;
      retainerEdge[slot] = e;
      retainerSource[slot] = node;
    }
  }
  return { firstRetainer, retainerEdge, retainerSource };
}

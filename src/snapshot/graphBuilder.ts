import { type SnapshotErrorCode, SnapshotFormatError } from './errors.js';
import { grow, trim } from './growable.js';
import { parseHeader, type SnapshotHeader } from './header.js';
import { HeapGraph, type InputInfo } from './heapGraph.js';
import type { NumberSink } from './numberSink.js';
import type { ParserHandlers } from './snapshotParser.js';
import { StringTableBuilder } from './stringTable.js';

/** The fewest bytes a number takes in the JSON (a digit and a comma): bounds what a file can hold. */
const MIN_BYTES_PER_NUMBER = 2;
/** Without a known input size, arrays start this large and double as numbers arrive. */
const UNKNOWN_SIZE_START = 1 << 20;
const UINT32_MAX = 0xffffffff;

export interface GraphBuilderOptions {
  file: string;
  /** The most bytes of JSON the input can hold, when known; bounds what a header may claim. */
  maxBytes: number | undefined;
  /**
   * True when maxBytes is the real size, so the header's counts (already checked against it) can
   * size the arrays; otherwise (gzip, streams) they start small and grow as numbers arrive.
   */
  exactSize: boolean;
}

/** Receives the parser's sections, checks them against the header, and makes the HeapGraph. */
export class GraphBuilder implements ParserHandlers {
  readonly strings = new StringTableBuilder();
  readonly #file: string;
  readonly #maxBytes: number | undefined;
  readonly #exactSize: boolean;
  #header: SnapshotHeader | undefined;
  #nodes: NodeColumns | undefined;
  #edges: EdgeColumns | undefined;
  #locations: LocationColumns | undefined;
  #sectionsDone = new Set<string>();

  constructor(options: GraphBuilderOptions) {
    this.#file = options.file;
    this.#maxBytes = options.maxBytes;
    this.#exactSize = options.exactSize;
  }

  header(value: unknown, offset: number): void {
    const header = parseHeader(value);
    if (typeof header === 'string') this.#fail('BAD_HEADER', header, 'snapshot', offset);
    const nodeNumbers = header.nodeCount * header.nodeFields.length;
    const edgeNumbers = header.edgeCount * header.edgeFields.length;
    const maxNumbers = this.#maxBytes === undefined ? undefined : this.#maxBytes / MIN_BYTES_PER_NUMBER;
    if (maxNumbers !== undefined && nodeNumbers + edgeNumbers > maxNumbers) {
      this.#fail(
        'TOO_LARGE',
        `the header claims ${header.nodeCount} nodes and ${header.edgeCount} edges, more than the input's ${this.#maxBytes} bytes can hold`,
        'snapshot',
        offset,
        'the file is truncated or its header is wrong',
      );
    }
    this.#header = header;
  }

  numberSink(section: string, offset: number): NumberSink | undefined {
    const header = this.#header;
    if (section !== 'nodes' && section !== 'edges' && section !== 'locations') return undefined;
    if (!header)
      this.#fail('BAD_HEADER', `the ${section} section comes before the snapshot header`, section, offset);
    const fail = (code: SnapshotErrorCode, problem: string, at: number): never =>
      this.#fail(code, problem, section, at);
    const done = () => this.#sectionsDone.add(section);
    if (section === 'nodes') {
      this.#nodes = new NodeColumns(header, this.#capacity(header.nodeCount), fail, done);
      return this.#nodes;
    }
    if (section === 'edges') {
      this.#edges = new EdgeColumns(header, this.#capacity(header.edgeCount), fail, done);
      return this.#edges;
    }
    this.#locations = new LocationColumns(header, fail, done);
    return this.#locations;
  }

  /** Checks what only the whole file can show, and returns the graph. */
  build(sections: string[], input: InputInfo): HeapGraph {
    const endOffset = input.jsonBytes;
    const header = this.#header;
    if (!header) this.#fail('MISSING_SECTION', 'there is no "snapshot" header', 'top level', endOffset);
    for (const section of ['nodes', 'edges']) {
      if (!this.#sectionsDone.has(section)) {
        this.#fail('MISSING_SECTION', `there is no "${section}" section`, 'top level', endOffset);
      }
    }
    if (!sections.includes('strings'))
      this.#fail('MISSING_SECTION', 'there is no "strings" section', 'top level', endOffset);
    const nodes = this.#nodes!;
    const edges = this.#edges!;
    const stringCount = this.strings.count;
    if (nodes.edgeTotal !== header.edgeCount) {
      this.#fail(
        'COUNT_MISMATCH',
        `the nodes' edge counts add up to ${nodes.edgeTotal}, but the header says ${header.edgeCount} edges`,
        'nodes',
        nodes.endOffset,
      );
    }
    if (nodes.maxName >= stringCount) {
      this.#fail(
        'BAD_STRING_INDEX',
        `a node name ${nodes.maxName} is past the ${stringCount} strings`,
        'nodes',
        nodes.maxNameOffset,
      );
    }
    if (edges.maxName >= stringCount) {
      this.#fail(
        'BAD_STRING_INDEX',
        `an edge name ${edges.maxName} is past the ${stringCount} strings`,
        'edges',
        edges.maxNameOffset,
      );
    }
    return new HeapGraph(this.#file, {
      header,
      input,
      sections,
      ...nodes.arrays(),
      ...edges.arrays(),
      locations: this.#locations?.array() ?? new Uint32Array(0),
      strings: this.strings.build(),
    });
  }

  #capacity(count: number): number {
    return this.#exactSize ? count : Math.min(count, UNKNOWN_SIZE_START);
  }

  #fail(code: SnapshotErrorCode, problem: string, section: string, offset: number, hint?: string): never {
    throw new SnapshotFormatError(problem, { code, file: this.#file, section, offset, hint });
  }
}

type Fail = (code: SnapshotErrorCode, problem: string, offset: number) => never;

/** The field positions of a record, -1 for a field the layout lacks. */
function positions<T extends string>(fields: string[], names: readonly T[]): Record<T, number> {
  return Object.fromEntries(names.map((name) => [name, fields.indexOf(name)])) as Record<T, number>;
}

const NODE_FIELDS = [
  'type',
  'name',
  'id',
  'self_size',
  'edge_count',
  'detachedness',
  'trace_node_id',
] as const;

/** The nodes section, one column per field the graph keeps, filled a whole node at a time. */
class NodeColumns implements NumberSink {
  readonly recordWidth: number;
  readonly #count: number;
  readonly #at: Record<(typeof NODE_FIELDS)[number], number>;
  readonly #typeCount: number;
  readonly #fail: Fail;
  readonly #done: () => void;
  #type: Uint8Array;
  #name: Uint32Array;
  #id: Uint32Array;
  #selfSize: Float64Array;
  #firstEdge: Uint32Array;
  #detachedness: Uint8Array | undefined;
  #traceId: Uint32Array | undefined;
  #ordinal = 0;
  #leftover = 0;
  edgeTotal = 0;
  maxName = 0;
  maxNameOffset = -1;
  endOffset = -1;

  constructor(header: SnapshotHeader, capacity: number, fail: Fail, done: () => void) {
    this.recordWidth = header.nodeFields.length;
    this.#count = header.nodeCount;
    this.#at = positions(header.nodeFields, NODE_FIELDS);
    this.#typeCount = header.nodeTypes.length;
    this.#fail = fail;
    this.#done = done;
    this.#type = new Uint8Array(capacity);
    this.#name = new Uint32Array(capacity);
    this.#id = new Uint32Array(capacity);
    this.#selfSize = new Float64Array(capacity);
    this.#firstEdge = new Uint32Array(capacity + 1);
    if (this.#at.detachedness !== -1) this.#detachedness = new Uint8Array(capacity);
  }

  accept(values: Float64Array, offsets: Float64Array, count: number): void {
    const width = this.recordWidth;
    const typeAt = this.#at.type;
    const nameAt = this.#at.name;
    const idAt = this.#at.id;
    const selfSizeAt = this.#at.self_size;
    const edgeCountAt = this.#at.edge_count;
    const detachednessAt = this.#at.detachedness;
    const traceAt = this.#at.trace_node_id;
    const typeCount = this.#typeCount;
    let types = this.#type;
    let names = this.#name;
    let ids = this.#id;
    let selfSizes = this.#selfSize;
    let firstEdge = this.#firstEdge;
    let ordinal = this.#ordinal;
    let edgeTotal = this.edgeTotal;
    let maxName = this.maxName;
    let k = 0;
    for (; k + width <= count; k += width) {
      if (ordinal >= types.length) {
        this.#grow(ordinal, offsets[k]);
        types = this.#type;
        names = this.#name;
        ids = this.#id;
        selfSizes = this.#selfSize;
        firstEdge = this.#firstEdge;
      }
      const type = values[k + typeAt];
      const name = values[k + nameAt];
      const id = values[k + idAt];
      if (type >= typeCount)
        this.#fail('BAD_NUMBER', `node type ${type} is not in meta.node_types`, offsets[k + typeAt]);
      if (id > UINT32_MAX) this.#fail('BAD_NUMBER', 'a node id is too large', offsets[k + idAt]);
      if (name > maxName) {
        if (name > UINT32_MAX)
          this.#fail('BAD_NUMBER', 'a node name index is too large', offsets[k + nameAt]);
        maxName = name;
        this.maxNameOffset = offsets[k + nameAt];
      }
      types[ordinal] = type;
      names[ordinal] = name;
      ids[ordinal] = id;
      selfSizes[ordinal] = values[k + selfSizeAt];
      edgeTotal += values[k + edgeCountAt];
      if (edgeTotal > UINT32_MAX) {
        this.#fail('BAD_NUMBER', 'the edge counts add up to more than 2^32', offsets[k + edgeCountAt]);
      }
      firstEdge[ordinal + 1] = edgeTotal;
      if (detachednessAt !== -1) this.#detachedness![ordinal] = Math.min(values[k + detachednessAt], 255);
      if (traceAt !== -1 && values[k + traceAt] !== 0)
        this.#setTrace(ordinal, values[k + traceAt], offsets[k + traceAt]);
      ordinal++;
    }
    this.#ordinal = ordinal;
    this.edgeTotal = edgeTotal;
    this.maxName = maxName;
    this.#leftover = count - k;
  }

  /** Allocation stacks are rare: the column exists only once a node has one. */
  #setTrace(ordinal: number, trace: number, offset: number): void {
    if (trace > UINT32_MAX) this.#fail('BAD_NUMBER', 'a trace node id is too large', offset);
    this.#traceId ??= new Uint32Array(this.#type.length);
    this.#traceId[ordinal] = trace;
  }

  end(offset: number): void {
    this.endOffset = offset;
    if (this.#leftover !== 0 || this.#ordinal !== this.#count) {
      const numbers = this.#ordinal * this.recordWidth + this.#leftover;
      this.#fail(
        'COUNT_MISMATCH',
        `the nodes section holds ${numbers} numbers, but the header's ${this.#count} nodes of ${this.recordWidth} fields need ${this.#count * this.recordWidth}`,
        offset,
      );
    }
    this.#done();
  }

  #grow(ordinal: number, offset: number): void {
    if (ordinal >= this.#count) {
      this.#fail(
        'COUNT_MISMATCH',
        `the nodes section holds more than the header's ${this.#count} nodes`,
        offset,
      );
    }
    const limit = this.#count;
    this.#type = grow(this.#type, ordinal + 1, limit, Uint8Array);
    this.#name = grow(this.#name, ordinal + 1, limit, Uint32Array);
    this.#id = grow(this.#id, ordinal + 1, limit, Uint32Array);
    this.#selfSize = grow(this.#selfSize, ordinal + 1, limit, Float64Array);
    this.#firstEdge = grow(this.#firstEdge, this.#type.length + 1, limit + 1, Uint32Array);
    if (this.#detachedness)
      this.#detachedness = grow(this.#detachedness, this.#type.length, limit, Uint8Array);
    if (this.#traceId) this.#traceId = grow(this.#traceId, this.#type.length, limit, Uint32Array);
  }

  arrays() {
    const count = this.#ordinal;
    return {
      nodeType: trim(this.#type, count),
      nodeName: trim(this.#name, count),
      nodeId: trim(this.#id, count),
      nodeSelfSize: trim(this.#selfSize, count),
      firstEdge: trim(this.#firstEdge, count + 1),
      nodeDetachedness: this.#detachedness && trim(this.#detachedness, count),
      nodeTraceId: this.#traceId && trim(this.#traceId, count),
    };
  }
}

/** The edges section: type, name or index, and the target converted from field offset to ordinal. */
class EdgeColumns implements NumberSink {
  readonly recordWidth: number;
  readonly #count: number;
  readonly #typeField: number;
  readonly #nameField: number;
  readonly #targetField: number;
  readonly #nodeFieldCount: number;
  readonly #nodeCount: number;
  readonly #typeCount: number;
  /** Per edge type code: 1 when name_or_index is a string index. */
  readonly #namedType: Uint8Array;
  readonly #fail: Fail;
  readonly #done: () => void;
  #type: Uint8Array;
  #name: Uint32Array;
  #target: Uint32Array;
  #edge = 0;
  #leftover = 0;
  maxName = 0;
  maxNameOffset = -1;

  constructor(header: SnapshotHeader, capacity: number, fail: Fail, done: () => void) {
    this.recordWidth = header.edgeFields.length;
    this.#count = header.edgeCount;
    this.#typeField = header.edgeFields.indexOf('type');
    this.#nameField = header.edgeFields.indexOf('name_or_index');
    this.#targetField = header.edgeFields.indexOf('to_node');
    this.#nodeFieldCount = header.nodeFields.length;
    this.#nodeCount = header.nodeCount;
    this.#typeCount = header.edgeTypes.length;
    this.#namedType = new Uint8Array(256);
    header.edgeTypes.forEach((name, code) => {
      if (code < 256) this.#namedType[code] = name === 'element' || name === 'hidden' ? 0 : 1;
    });
    this.#fail = fail;
    this.#done = done;
    this.#type = new Uint8Array(capacity);
    this.#name = new Uint32Array(capacity);
    this.#target = new Uint32Array(capacity);
  }

  accept(values: Float64Array, offsets: Float64Array, count: number): void {
    const width = this.recordWidth;
    const typeField = this.#typeField;
    const nameField = this.#nameField;
    const targetField = this.#targetField;
    const nodeFieldCount = this.#nodeFieldCount;
    const nodeNumbers = this.#nodeCount * nodeFieldCount;
    const typeCount = this.#typeCount;
    const namedType = this.#namedType;
    let types = this.#type;
    let names = this.#name;
    let targets = this.#target;
    let edge = this.#edge;
    let maxName = this.maxName;
    let k = 0;
    for (; k + width <= count; k += width) {
      if (edge >= types.length) {
        this.#grow(edge, offsets[k]);
        types = this.#type;
        names = this.#name;
        targets = this.#target;
      }
      const type = values[k + typeField];
      const name = values[k + nameField];
      const target = values[k + targetField];
      if (type >= typeCount)
        this.#fail('BAD_NUMBER', `edge type ${type} is not in meta.edge_types`, offsets[k + typeField]);
      if (name > UINT32_MAX)
        this.#fail('BAD_NUMBER', 'an edge name or index is too large', offsets[k + nameField]);
      if (target % nodeFieldCount !== 0) {
        this.#fail(
          'BAD_EDGE_TARGET',
          `to_node ${target} is not a multiple of the ${nodeFieldCount} node fields`,
          offsets[k + targetField],
        );
      }
      if (target >= nodeNumbers)
        this.#fail('BAD_EDGE_TARGET', `to_node ${target} is past the last node`, offsets[k + targetField]);
      // Element and hidden edges carry an index; the others a string index, checked at the end.
      if (name > maxName && namedType[type] === 1) {
        maxName = name;
        this.maxNameOffset = offsets[k + nameField];
      }
      types[edge] = type;
      names[edge] = name;
      targets[edge] = target / nodeFieldCount;
      edge++;
    }
    this.#edge = edge;
    this.maxName = maxName;
    this.#leftover = count - k;
  }

  end(offset: number): void {
    if (this.#leftover !== 0 || this.#edge !== this.#count) {
      const numbers = this.#edge * this.recordWidth + this.#leftover;
      this.#fail(
        'COUNT_MISMATCH',
        `the edges section holds ${numbers} numbers, but the header's ${this.#count} edges of ${this.recordWidth} fields need ${this.#count * this.recordWidth}`,
        offset,
      );
    }
    this.#done();
  }

  #grow(edge: number, offset: number): void {
    if (edge >= this.#count) {
      this.#fail(
        'COUNT_MISMATCH',
        `the edges section holds more than the header's ${this.#count} edges`,
        offset,
      );
    }
    this.#type = grow(this.#type, edge + 1, this.#count, Uint8Array);
    this.#name = grow(this.#name, edge + 1, this.#count, Uint32Array);
    this.#target = grow(this.#target, edge + 1, this.#count, Uint32Array);
  }

  arrays() {
    const count = this.#edge;
    return {
      edgeType: trim(this.#type, count),
      edgeNameOrIndex: trim(this.#name, count),
      edgeTarget: trim(this.#target, count),
    };
  }
}

/** The locations section, kept as (node ordinal, script id, line, column) whatever the file's layout. */
class LocationColumns implements NumberSink {
  readonly recordWidth: number;
  readonly #at: Record<'object_index' | 'script_id' | 'line' | 'column', number>;
  readonly #nodeFieldCount: number;
  readonly #nodeCount: number;
  readonly #fail: Fail;
  readonly #done: () => void;
  #entries = new Uint32Array(4096);
  #entry = 0;
  #leftover = 0;

  constructor(header: SnapshotHeader, fail: Fail, done: () => void) {
    this.recordWidth = Math.max(1, header.locationFields.length);
    this.#at = positions(header.locationFields, ['object_index', 'script_id', 'line', 'column'] as const);
    this.#nodeFieldCount = header.nodeFields.length;
    this.#nodeCount = header.nodeCount;
    this.#fail = fail;
    this.#done = done;
  }

  accept(values: Float64Array, offsets: Float64Array, count: number): void {
    const at = this.#at;
    // A layout without object_index cannot be tied to nodes: skip it.
    if (at.object_index === -1) return;
    const width = this.recordWidth;
    let k = 0;
    for (; k + width <= count; k += width) {
      const slot = this.#entry * 4;
      if (slot + 4 > this.#entries.length)
        this.#entries = grow(this.#entries, slot + 4, 0x7fffffff, Uint32Array);
      const object = values[k + at.object_index];
      if (object % this.#nodeFieldCount !== 0 || object >= this.#nodeCount * this.#nodeFieldCount) {
        this.#fail(
          'BAD_NUMBER',
          `location object_index ${object} is not a node`,
          offsets[k + at.object_index],
        );
      }
      this.#entries[slot] = object / this.#nodeFieldCount;
      this.#entries[slot + 1] = this.#field(values, offsets, k, at.script_id);
      this.#entries[slot + 2] = this.#field(values, offsets, k, at.line);
      this.#entries[slot + 3] = this.#field(values, offsets, k, at.column);
      this.#entry++;
    }
    this.#leftover = count - k;
  }

  #field(values: Float64Array, offsets: Float64Array, k: number, position: number): number {
    if (position === -1) return 0;
    const value = values[k + position];
    if (value > UINT32_MAX) this.#fail('BAD_NUMBER', 'a location number is too large', offsets[k + position]);
    return value;
  }

  end(offset: number): void {
    if (this.#leftover !== 0)
      this.#fail('COUNT_MISMATCH', 'the locations section ends inside an entry', offset);
    this.#done();
  }

  array(): Uint32Array {
    return trim(this.#entries, this.#entry * 4);
  }
}

import { grow, trim } from './growable.js';
import type { SnapshotHeader } from './header.js';
import type { NumberSink } from './numberSink.js';
import { type Fail, positions, UINT32_MAX } from './sectionColumns.js';

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
export class NodeColumns implements NumberSink {
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

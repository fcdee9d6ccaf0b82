import { grow, trim } from './growable.js';
import type { SnapshotHeader } from './header.js';
import type { NumberSink } from './numberSink.js';
import { type Allocate, allocatePrivate, type Fail, UINT32_MAX } from './sectionColumns.js';

/** The edges section, read: what the graph keeps and what is checked at the end. */
export interface EdgeSection {
  edgeType: Uint8Array;
  edgeNameOrIndex: Uint32Array;
  edgeTarget: Uint32Array;
  maxName: number;
  maxNameOffset: number;
}

/** The edges section: type, name or index, and the target converted from field offset to ordinal. */
export class EdgeColumns implements NumberSink {
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

  constructor(
    header: SnapshotHeader,
    capacity: number,
    fail: Fail,
    done: () => void,
    allocate: Allocate = allocatePrivate,
  ) {
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
    this.#type = allocate(Uint8Array, capacity);
    this.#name = allocate(Uint32Array, capacity);
    this.#target = allocate(Uint32Array, capacity);
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
      // A multiply checks the division: % on a double is a slow library call.
      const ordinal = Math.floor(target / nodeFieldCount);
      if (ordinal * nodeFieldCount !== target) {
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
      targets[edge] = ordinal;
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

  /** The columns, and the largest string index an edge names (checked once the strings are read). */
  result(): EdgeSection {
    const count = this.#edge;
    return {
      edgeType: trim(this.#type, count),
      edgeNameOrIndex: trim(this.#name, count),
      edgeTarget: trim(this.#target, count),
      maxName: this.maxName,
      maxNameOffset: this.maxNameOffset,
    };
  }
}

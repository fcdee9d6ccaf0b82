import { grow, trim } from './growable.js';
import type { SnapshotHeader } from './header.js';
import type { NumberSink } from './numberSink.js';
import { type Fail, positions, UINT32_MAX } from './sectionColumns.js';

/** The locations section, kept as (node ordinal, script id, line, column) whatever the file's layout. */
export class LocationColumns implements NumberSink {
  readonly recordWidth: number;
  readonly signed = true;
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
      if (
        object < 0 ||
        object % this.#nodeFieldCount !== 0 ||
        object >= this.#nodeCount * this.#nodeFieldCount
      ) {
        this.#fail(
          'BAD_NUMBER',
          `location object_index ${object} is not a node`,
          offsets[k + at.object_index],
        );
      }
      this.#entries[slot] = object / this.#nodeFieldCount;
      this.#entries[slot + 1] = this.#field(values, offsets, k, at.script_id);
      // Before the script's first line or column (a negative offset): its first is the nearest.
      this.#entries[slot + 2] = Math.max(0, this.#field(values, offsets, k, at.line, true));
      this.#entries[slot + 3] = Math.max(0, this.#field(values, offsets, k, at.column, true));
      this.#entry++;
    }
    this.#leftover = count - k;
  }

  #field(values: Float64Array, offsets: Float64Array, k: number, position: number, signed = false): number {
    if (position === -1) return 0;
    const value = values[k + position];
    if (value < 0 && !signed) this.#fail('BAD_NUMBER', 'a negative number', offsets[k + position]);
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

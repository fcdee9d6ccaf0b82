import { grow, trim } from './growable.js';
import type { SnapshotHeader } from './header.js';
import type { NumberSink } from './numberSink.js';
import { type Fail, positions, UINT32_MAX } from './sectionColumns.js';
import type { ValueScanner } from './snapshotParser.js';

/**
 * The two sections of allocation stacks (written when allocation tracking was on):
 * `trace_function_infos`, flat records of the functions seen on allocation stacks, and
 * `trace_tree`, the tree of those stacks (outermost frame at the top), which nodes point into
 * by their `trace_node_id`.
 */

/** The functions of the allocation stacks: name and script as string indexes, 1-based line and column (0: unknown). */
export interface TraceFunctionArrays {
  name: Uint32Array;
  scriptName: Uint32Array;
  scriptId: Uint32Array;
  line: Uint32Array;
  column: Uint32Array;
}

/** The allocation stack tree, one entry per tree node; `parent` is -1 at the top. */
export interface TraceTreeArrays {
  id: Uint32Array;
  functionIndex: Uint32Array;
  parent: Int32Array;
  count: Float64Array;
  size: Float64Array;
}

const FUNCTION_FIELDS = ['name', 'script_name', 'script_id', 'line', 'column'] as const;

/** trace_function_infos: numbers straight into columns, like the nodes. */
export class TraceFunctionColumns implements NumberSink {
  readonly recordWidth: number;
  readonly #at: Record<(typeof FUNCTION_FIELDS)[number], number>;
  readonly #fail: Fail;
  readonly #done: () => void;
  readonly #columns: Uint32Array[] = FUNCTION_FIELDS.map(() => new Uint32Array(1024));
  #count = 0;
  #leftover = 0;
  /** The largest string index seen and where, so the builder can check it against the strings. */
  maxString = 0;
  maxStringOffset = -1;

  constructor(header: SnapshotHeader, fail: Fail, done: () => void) {
    this.recordWidth = Math.max(1, header.traceFunctionInfoFields.length);
    this.#at = positions(header.traceFunctionInfoFields, FUNCTION_FIELDS);
    this.#fail = fail;
    this.#done = done;
  }

  accept(values: Float64Array, offsets: Float64Array, count: number): void {
    const width = this.recordWidth;
    let k = 0;
    for (; k + width <= count; k += width) {
      const record = this.#count++;
      FUNCTION_FIELDS.forEach((field, column) => {
        const at = this.#at[field];
        if (at === -1) return;
        const value = values[k + at];
        if (value > UINT32_MAX) this.#fail('BAD_NUMBER', `a function ${field} is too large`, offsets[k + at]);
        if ((field === 'name' || field === 'script_name') && value > this.maxString) {
          this.maxString = value;
          this.maxStringOffset = offsets[k + at];
        }
        this.#columns[column] = grow(this.#columns[column], record + 1, UINT32_MAX, Uint32Array);
        this.#columns[column][record] = value;
      });
    }
    this.#leftover = count - k;
  }

  end(offset: number): void {
    if (this.#leftover !== 0)
      this.#fail('COUNT_MISMATCH', 'the trace_function_infos section ends inside a record', offset);
    this.#done();
  }

  get count(): number {
    return this.#count;
  }

  arrays(): TraceFunctionArrays {
    const [name, scriptName, scriptId, line, column] = this.#columns.map((c) => trim(c, this.#count));
    return { name, scriptName, scriptId, line, column };
  }
}

const TREE_FIELDS = ['id', 'function_info_index', 'count', 'size'] as const;
const MAX_TREE_DEPTH = 100000;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;

enum Expect {
  /** Before the opening bracket. */
  Start,
  /** After `[`: an element or `]`. */
  ElementOrEnd,
  /** After `,`: an element. */
  Element,
  /** After an element: `,` or `]`. */
  SeparatorOrEnd,
}

/**
 * trace_tree, read as it streams by: each array holds records of the node fields' numbers
 * followed by one array of children (the `children` field, last), so a record's parent is the
 * record that owns the enclosing array. Depth is counted without recursion.
 */
export class TraceTreeScanner implements ValueScanner {
  readonly #numbersPerRecord: number;
  readonly #at: Record<(typeof TREE_FIELDS)[number], number>;
  readonly #fail: Fail;
  readonly #done: () => void;
  /** Per open array: the record that owns it (-1 at the top) and how many elements it has so far. */
  #owners: number[] = [];
  #elements: number[] = [];
  #expect = Expect.Start;
  #value = 0;
  #digits = 0;
  #numberStart = 0;
  #count = 0;
  #id = new Uint32Array(1024);
  #functionIndex = new Uint32Array(1024);
  #parent = new Int32Array(1024);
  #calls = new Float64Array(1024);
  #size = new Float64Array(1024);

  constructor(header: SnapshotHeader, fail: Fail, done: () => void) {
    const fields = header.traceNodeFields;
    this.#numbersPerRecord = fields.length - 1;
    this.#at = positions(fields, TREE_FIELDS);
    this.#fail = fail;
    this.#done = done;
  }

  /** Whether the header describes a tree this scanner can read (numbers, then `children` last). */
  static understands(header: SnapshotHeader): boolean {
    const fields = header.traceNodeFields;
    return fields.length >= 2 && fields.indexOf('children') === fields.length - 1 && fields.includes('id');
  }

  scan(chunk: Uint8Array, p: number, n: number, base: number): number {
    for (; p < n; p++) {
      const c = chunk[p];
      if (c >= 48 && c <= 57) {
        if (this.#digits === 0) this.#beginNumber(c, base + p);
        this.#value = this.#value * 10 + (c - 48);
        if (++this.#digits > 15)
          this.#fail('BAD_NUMBER', 'a trace tree number is too long', this.#numberStart);
        continue;
      }
      if (this.#digits > 0) this.#endNumber();
      if (c === 32 || c === 10 || c === 13 || c === 9) continue;
      if (c === OPEN_BRACKET) this.#open(base + p);
      else if (c === COMMA) {
        if (this.#expect !== Expect.SeparatorOrEnd) this.#unexpected(c, base + p);
        this.#expect = Expect.Element;
      } else if (c === CLOSE_BRACKET) {
        if (this.#close(base + p)) {
          this.#done();
          return p + 1;
        }
      } else this.#unexpected(c, base + p);
    }
    return -1;
  }

  #beginNumber(c: number, offset: number): void {
    const elements = this.#elements;
    if (this.#expect !== Expect.Element && this.#expect !== Expect.ElementOrEnd) this.#unexpected(c, offset);
    if (elements[elements.length - 1] % (this.#numbersPerRecord + 1) === this.#numbersPerRecord)
      this.#fail('BAD_JSON', 'a trace tree node has a number where its children array belongs', offset);
    this.#numberStart = offset;
    this.#value = 0;
  }

  #endNumber(): void {
    const top = this.#elements.length - 1;
    const field = this.#elements[top] % (this.#numbersPerRecord + 1);
    if (field === 0) this.#newRecord();
    const record = this.#count - 1;
    const value = this.#value;
    const at = this.#at;
    if (value > UINT32_MAX && (field === at.id || field === at.function_info_index))
      this.#fail('BAD_NUMBER', 'a trace tree number is too large', this.#numberStart);
    if (field === at.id) this.#id[record] = value;
    else if (field === at.function_info_index) this.#functionIndex[record] = value;
    else if (field === at.count) this.#calls[record] = value;
    else if (field === at.size) this.#size[record] = value;
    this.#elements[top]++;
    this.#digits = 0;
    this.#expect = Expect.SeparatorOrEnd;
  }

  #newRecord(): void {
    const record = this.#count++;
    this.#id = grow(this.#id, record + 1, UINT32_MAX, Uint32Array);
    this.#functionIndex = grow(this.#functionIndex, record + 1, UINT32_MAX, Uint32Array);
    this.#calls = grow(this.#calls, record + 1, UINT32_MAX, Float64Array);
    this.#size = grow(this.#size, record + 1, UINT32_MAX, Float64Array);
    if (record >= this.#parent.length) {
      const bigger = new Int32Array(this.#id.length);
      bigger.set(this.#parent);
      this.#parent = bigger;
    }
    this.#parent[record] = this.#owners[this.#owners.length - 1];
  }

  #open(offset: number): void {
    if (this.#expect === Expect.Start) {
      this.#owners.push(-1);
      this.#elements.push(0);
      this.#expect = Expect.ElementOrEnd;
      return;
    }
    if (this.#expect !== Expect.Element && this.#expect !== Expect.ElementOrEnd)
      this.#unexpected(OPEN_BRACKET, offset);
    const top = this.#elements.length - 1;
    if (this.#elements[top] % (this.#numbersPerRecord + 1) !== this.#numbersPerRecord)
      this.#fail('BAD_JSON', 'a trace tree node has an array where a number belongs', offset);
    if (this.#owners.length >= MAX_TREE_DEPTH)
      this.#fail('BAD_JSON', 'the trace tree nests too deeply', offset);
    this.#owners.push(this.#count - 1);
    this.#elements.push(0);
    this.#expect = Expect.ElementOrEnd;
  }

  /** Returns true when the closing bracket ends the whole tree. */
  #close(offset: number): boolean {
    if (this.#expect !== Expect.SeparatorOrEnd && this.#expect !== Expect.ElementOrEnd)
      this.#unexpected(CLOSE_BRACKET, offset);
    const elements = this.#elements.pop()!;
    this.#owners.pop();
    if (elements % (this.#numbersPerRecord + 1) !== 0)
      this.#fail('BAD_JSON', 'a trace tree node ends before its children array', offset);
    if (this.#elements.length === 0) return true;
    this.#elements[this.#elements.length - 1]++;
    this.#expect = Expect.SeparatorOrEnd;
    return false;
  }

  #unexpected(c: number, offset: number): never {
    const shown = c >= 32 && c < 127 ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16)}`;
    const expected =
      this.#expect === Expect.Start
        ? "'['"
        : this.#expect === Expect.SeparatorOrEnd
          ? "',' or ']'"
          : 'a number or an array';
    this.#fail('BAD_JSON', `unexpected ${shown} in the trace tree where ${expected} was expected`, offset);
  }

  get count(): number {
    return this.#count;
  }

  arrays(): TraceTreeArrays {
    const count = this.#count;
    return {
      id: trim(this.#id, count),
      functionIndex: trim(this.#functionIndex, count),
      parent: this.#parent.slice(0, count),
      count: trim(this.#calls, count),
      size: trim(this.#size, count),
    };
  }
}

import { grow, trim } from './growable.js';

/**
 * The snapshot's `strings` section, kept as the raw JSON bytes of each string and decoded one
 * string at a time when asked. A strings section can be larger than one JavaScript string can
 * hold (512 MiB), and most commands read only a few of its strings, so nothing is decoded up front.
 */
export class StringTable {
  readonly #pages: readonly Buffer[];
  readonly #page: Uint32Array;
  readonly #start: Uint32Array;
  readonly #length: Uint32Array;
  readonly #escaped: Uint8Array;
  readonly count: number;

  constructor(
    pages: Buffer[],
    page: Uint32Array,
    start: Uint32Array,
    length: Uint32Array,
    escaped: Uint8Array,
  ) {
    this.#pages = pages;
    this.#page = page;
    this.#start = start;
    this.#length = length;
    this.#escaped = escaped;
    this.count = page.length;
  }

  /** The decoded string at `index` (JSON escapes undone; lone surrogates kept). */
  get(index: number): string {
    const buffer = this.#pages[this.#page[index]];
    const start = this.#start[index];
    const end = start + this.#length[index];
    return this.#escaped[index] === 0
      ? buffer.toString('utf8', start, end)
      : unescapeJson(buffer, start, end);
  }

  /** The length in bytes of the string's JSON text: a cheap upper bound on its length in characters. */
  rawLength(index: number): number {
    return this.#length[index];
  }

  /** True when the raw JSON text of string `index` equals `bytes` (an unescaped ASCII/UTF-8 needle). */
  rawEquals(index: number, bytes: Uint8Array): boolean {
    if (this.#escaped[index] !== 0) return this.get(index) === Buffer.from(bytes).toString('utf8');
    const length = this.#length[index];
    if (length !== bytes.length) return false;
    const buffer = this.#pages[this.#page[index]];
    const start = this.#start[index];
    for (let i = 0; i < length; i++) if (buffer[start + i] !== bytes[i]) return false;
    return true;
  }

  /** The first index of a string equal to `text`, or -1; compares bytes, decodes nothing it can skip. */
  indexOf(text: string): number {
    const needle = Buffer.from(text, 'utf8');
    for (let i = 0; i < this.count; i++) {
      if (
        this.#escaped[i] === 0
          ? this.rawEquals(i, needle)
          : this.#length[i] >= needle.length && this.get(i) === text
      ) {
        return i;
      }
    }
    return -1;
  }
}

const PAGE_SIZE = 16 * 1024 * 1024;

/** Collects string bytes as the parser finds them; a string may arrive in several pieces. */
export class StringTableBuilder {
  #pages: Buffer[] = [];
  #current: Buffer = Buffer.allocUnsafe(0);
  #used = 0;
  #page = new Uint32Array(1024);
  #start = new Uint32Array(1024);
  #length = new Uint32Array(1024);
  #escaped = new Uint8Array(1024);
  #count = 0;
  #pieceStart = 0;

  constructor() {
    this.#newPage(0);
  }

  /** Starts a new string. */
  begin(): void {
    this.#pieceStart = this.#used;
  }

  /** Appends bytes [start, end) of `chunk` to the string being read. */
  append(chunk: Uint8Array, start: number, end: number): void {
    const size = end - start;
    if (this.#used + size > this.#current.length) this.#newPage(size);
    this.#current.set(chunk.subarray(start, end), this.#used);
    this.#used += size;
  }

  /** Ends the string begun last; `escaped` says whether it holds a backslash escape. */
  end(escaped: boolean): void {
    const count = this.#count;
    if (count === this.#page.length) {
      const limit = 0x7fffffff;
      this.#page = grow(this.#page, count + 1, limit, Uint32Array);
      this.#start = grow(this.#start, count + 1, limit, Uint32Array);
      this.#length = grow(this.#length, count + 1, limit, Uint32Array);
      this.#escaped = grow(this.#escaped, count + 1, limit, Uint8Array);
    }
    this.#page[count] = this.#pages.length - 1;
    this.#start[count] = this.#pieceStart;
    this.#length[count] = this.#used - this.#pieceStart;
    this.#escaped[count] = escaped ? 1 : 0;
    this.#count = count + 1;
  }

  get count(): number {
    return this.#count;
  }

  build(): StringTable {
    const count = this.#count;
    return new StringTable(
      this.#pages,
      trim(this.#page, count),
      trim(this.#start, count),
      trim(this.#length, count),
      trim(this.#escaped, count),
    );
  }

  /** Moves the string begun so far onto a fresh page, so no string spans two pages. */
  #newPage(extra: number): void {
    const partial = this.#used - this.#pieceStart;
    const page = Buffer.allocUnsafe(Math.max(PAGE_SIZE, (partial + extra) * 2));
    if (partial > 0) this.#current.copy(page, 0, this.#pieceStart, this.#used);
    // The previous page keeps only the strings that ended on it.
    if (this.#pages.length > 0)
      this.#pages[this.#pages.length - 1] = this.#current.subarray(0, this.#pieceStart);
    this.#pages.push(page);
    this.#current = page;
    this.#pieceStart = 0;
    this.#used = partial;
  }
}

const ESCAPES: Record<number, number> = { 34: 34, 92: 92, 47: 47, 98: 8, 102: 12, 110: 10, 114: 13, 116: 9 };

/** Undoes JSON string escapes; `\uXXXX` gives UTF-16 code units, so lone surrogates survive. */
export function unescapeJson(buffer: Buffer, start: number, end: number): string {
  let out = '';
  let run = start;
  let i = start;
  while (i < end) {
    if (buffer[i] !== 92) {
      i++;
      continue;
    }
    if (run < i) out += buffer.toString('utf8', run, i);
    const kind = buffer[i + 1];
    if (kind === 117 && i + 6 <= end) {
      const code = Number.parseInt(buffer.toString('latin1', i + 2, i + 6), 16);
      out += Number.isNaN(code) ? buffer.toString('latin1', i, i + 6) : String.fromCharCode(code);
      i += 6;
    } else if (kind !== undefined && ESCAPES[kind] !== undefined) {
      out += String.fromCharCode(ESCAPES[kind]);
      i += 2;
    } else {
      // Not a JSON escape: keep the text as written rather than guess.
      out += '\\';
      i += 1;
    }
    run = i;
  }
  if (run < end) out += buffer.toString('utf8', run, end);
  return out;
}

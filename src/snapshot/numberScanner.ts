import type { SnapshotErrorCode } from './errors.js';
import type { NumberSink } from './numberSink.js';

const BATCH = 65536;
const COMMA = 44;
const CLOSE_BRACKET = 93;

export type ScanFail = (code: SnapshotErrorCode, problem: string, offset: number) => never;

/**
 * The hot loop of the reader: the numbers of one JSON array (`nodes`, `edges`, `locations`),
 * parsed from bytes straight into batches for a NumberSink, separators checked, no strings made.
 * It is fed the bytes after the opening `[` in pieces of any size, and says where the closing `]` is.
 * The main parser and the edge worker (parallel read) both use it.
 */
export class NumberScanner {
  readonly #sink: NumberSink;
  readonly #fail: ScanFail;
  readonly #values = new Float64Array(BATCH);
  readonly #offsets = new Float64Array(BATCH);
  /** Batches hold whole records of the sink. */
  readonly #batchLimit: number;
  readonly #signed: boolean;
  #batched = 0;
  #accumulator = 0;
  #digits = 0;
  #numberStart = 0;
  #expectValue = true;
  #anyValue = false;
  #negative = false;

  constructor(sink: NumberSink, fail: ScanFail) {
    this.#sink = sink;
    this.#fail = fail;
    this.#signed = sink.signed === true;
    this.#batchLimit = Math.max(1, Math.floor(BATCH / sink.recordWidth)) * sink.recordWidth;
  }

  /**
   * Scans chunk[p, n), whose first byte is at `base + p` in the whole input. Returns the index
   * just past the closing `]` (the sink has been told the array ended), or -1 when the chunk ran out.
   */
  scan(chunk: Uint8Array, p: number, n: number, base: number): number {
    const values = this.#values;
    const offsets = this.#offsets;
    const batchLimit = this.#batchLimit;
    let batched = this.#batched;
    let accumulator = this.#accumulator;
    let digits = this.#digits;
    let numberStart = this.#numberStart;
    let expectValue = this.#expectValue;
    let anyValue = this.#anyValue;
    let negative = this.#negative;
    while (p < n) {
      let c = chunk[p];
      if (c >= 48 && c <= 57) {
        if (digits === 0) {
          if (!expectValue) this.#fail('BAD_JSON', 'a separator is missing between two numbers', base + p);
          numberStart = base + p;
        }
        // The digits of one number, in a loop of their own.
        do {
          accumulator = accumulator * 10 + (c - 48);
          digits++;
          c = ++p < n ? chunk[p] : 0;
        } while (c >= 48 && c <= 57);
        if (p === n) break; // the number goes on in the next chunk
      }
      if (digits !== 0) {
        // A number ends here (it may have begun in the previous chunk).
        // 15 digits stay exact in a double; no real field comes near that.
        if (digits > 15) this.#fail('BAD_NUMBER', 'a number is too large', numberStart);
        values[batched] = negative ? -accumulator : accumulator;
        offsets[batched] = numberStart;
        negative = false;
        if (++batched === batchLimit) {
          this.#sink.accept(values, offsets, batched);
          batched = 0;
        }
        accumulator = 0;
        digits = 0;
        expectValue = false;
        anyValue = true;
      }
      if (negative && (c < 48 || c > 57))
        this.#fail('BAD_NUMBER', 'a minus sign without a number', numberStart);
      if (c === COMMA) {
        if (expectValue) this.#fail('BAD_JSON', 'a number is missing before a comma', base + p);
        expectValue = true;
      } else if (c === CLOSE_BRACKET) {
        if (expectValue && anyValue) this.#fail('BAD_JSON', 'a number is missing before a bracket', base + p);
        this.#sink.accept(values, offsets, batched);
        this.#batched = 0;
        this.#sink.end(base + p);
        return p + 1;
      } else if (c === 45 && this.#signed && expectValue && !negative) {
        // Off the hot path: only a signed section gets here, and only at a minus sign.
        negative = true;
        numberStart = base + p;
      } else if (c !== 32 && c !== 10 && c !== 13 && c !== 9) {
        this.#badByte(c, base + p);
      }
      p++;
    }
    this.#batched = batched;
    this.#accumulator = accumulator;
    this.#digits = digits;
    this.#numberStart = numberStart;
    this.#expectValue = expectValue;
    this.#anyValue = anyValue;
    this.#negative = negative;
    return -1;
  }

  #badByte(c: number, offset: number): never {
    if (c === 45) this.#fail('BAD_NUMBER', 'a negative number', offset);
    if (c === 46) this.#fail('BAD_NUMBER', 'a fractional number', offset);
    if (c === 101 || c === 69 || c === 43) this.#fail('BAD_NUMBER', 'a number with an exponent', offset);
    const shown =
      c >= 32 && c < 127 ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
    this.#fail('BAD_JSON', `unexpected ${shown} where a whole number was expected`, offset);
  }
}

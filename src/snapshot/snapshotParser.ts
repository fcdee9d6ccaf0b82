import { type SnapshotErrorCode, SnapshotFormatError } from './errors.js';
import { NumberScanner } from './numberScanner.js';
import type { NumberSink } from './numberSink.js';
import { otherFormat, TAKE_A_SNAPSHOT } from './otherFormats.js';
import type { StringTableBuilder } from './stringTable.js';

/**
 * A streaming reader of the heap snapshot's JSON, written by hand for speed: a byte-level state
 * machine that is fed chunks, parses the number arrays straight into typed-array sinks, keeps each
 * string's raw bytes, JSON.parses only the small header, and skips sections it does not know
 * wherever they stand. It never builds the whole file, or one section, as a string.
 */

export interface ParserHandlers {
  /** Called with the parsed `snapshot` header; may throw a SnapshotFormatError. */
  header(value: unknown, offset: number): void;
  /** The sink for a number-array section, or undefined to skip it. */
  numberSink(section: string, offset: number): NumberSink | undefined;
  /**
   * For a section read elsewhere (a worker, in a parallel read) whose value starts at `offset`:
   * the offset of its last byte, which the parser jumps past (see takeJump). Undefined otherwise.
   */
  externalSection?(section: string, offset: number): number | undefined;
  /** A scanner that reads a whole value of another shape (the nested `trace_tree`), or undefined. */
  valueScanner?(section: string, offset: number): ValueScanner | undefined;
  strings: StringTableBuilder;
}

/** Reads one section's value from its first byte, in pieces of any size. */
export interface ValueScanner {
  /** Scans chunk[p, n) (chunk[p] is at `base + p`); returns the index just past the value, or -1 if it goes on. */
  scan(chunk: Uint8Array, p: number, n: number, base: number): number;
}

enum State {
  BeforeObject,
  BeforeKey,
  InKey,
  BeforeColon,
  BeforeValue,
  AfterValue,
  Done,
  Header,
  BeforeArray,
  Numbers,
  StringsBetween,
  InString,
  Skip,
  Delegated,
}

const MAX_HEADER_BYTES = 64 * 1024 * 1024;
const MAX_KEY_BYTES = 1024;
/** Deeper nesting in a skipped section is refused: no real snapshot comes near it. */
const MAX_SKIP_DEPTH = 100000;

const BOM = [0xef, 0xbb, 0xbf];
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

export class SnapshotParser {
  readonly #file: string;
  readonly #handlers: ParserHandlers;
  #state: State = State.BeforeObject;
  /** Byte offset of the start of the current chunk in the whole JSON text. */
  #base = 0;
  #section = 'top level';
  #seen = new Set<string>();
  #key: number[] = [];
  #keyEscape = false;
  // Header capture.
  #headerParts: Buffer[] = [];
  #headerBytes = 0;
  #headerStart = 0;
  // Generic value skipping (header capture uses it too).
  #depth = 0;
  #inString = false;
  #escape = false;
  #scalar = false;
  // Number arrays.
  #sink: NumberSink | undefined;
  #scanner: NumberScanner | undefined;
  #delegate: ValueScanner | undefined;
  // Strings.
  #expectValue = true;
  #anyValue = false;
  // Strings.
  #stringEscaped = false;
  #pendingEscape = false;
  /** The next backslash at or after the last search in this chunk; -1: none till its end; -2: not searched. */
  #nextBackslash = -2;
  /** The same for quotes: each byte of a chunk is searched once, however many escapes a string holds. */
  #nextQuote = -2;
  #bomBytes = 0;
  /** Where the input goes on after a section read elsewhere; set until the reader takes it. */
  #jumpTo: number | undefined;

  constructor(file: string, handlers: ParserHandlers) {
    this.#file = file;
    this.#handlers = handlers;
  }

  /** The sections seen so far, in order (including skipped ones). */
  get sections(): string[] {
    return [...this.#seen];
  }

  /** Byte offset of the end of the input read so far. */
  get offset(): number {
    return this.#base;
  }

  push(bytes: Uint8Array): void {
    // Buffer's indexOf is a native byte search; a plain Uint8Array's is not.
    const chunk = Buffer.isBuffer(bytes)
      ? bytes
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const n = chunk.length;
    this.#nextBackslash = -2;
    this.#nextQuote = -2;
    let p = 0;
    while (p < n && this.#jumpTo === undefined) {
      switch (this.#state) {
        case State.Numbers:
          p = this.#numbers(chunk, p, n);
          break;
        case State.InString:
          p = this.#stringBody(chunk, p, n);
          break;
        case State.StringsBetween:
          p = this.#stringsBetween(chunk, p, n);
          break;
        case State.Header:
        case State.Skip:
          p = this.#skip(chunk, p, n);
          break;
        case State.InKey:
          p = this.#inKey(chunk, p, n);
          break;
        case State.Delegated:
          p = this.#delegated(chunk, p, n);
          break;
        default:
          p = this.#structure(chunk, p);
      }
    }
    if (this.#jumpTo === undefined) this.#base += n;
  }

  /**
   * After push(): the offset the input must go on from, when the parser met a section read
   * elsewhere (the rest of the chunk is not its to read); undefined to go on as usual.
   */
  takeJump(): number | undefined {
    const jump = this.#jumpTo;
    if (jump !== undefined) {
      this.#base = jump;
      this.#jumpTo = undefined;
    }
    return jump;
  }

  /** The input ended: anything but a complete top-level object is an error. */
  finish(): void {
    if (this.#state === State.BeforeObject) this.#fail('EMPTY', 'the input is empty', this.#base);
    if (this.#state !== State.Done) {
      this.#fail('BAD_JSON', 'the input ends before the snapshot does (truncated file?)', this.#base);
    }
  }

  #fail(code: SnapshotErrorCode, problem: string, offset: number, hint?: string): never {
    throw new SnapshotFormatError(problem, { code, file: this.#file, section: this.#section, offset, hint });
  }

  #unexpected(c: number, offset: number, expected: string): never {
    const shown =
      c >= 32 && c < 127 ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
    this.#fail('BAD_JSON', `unexpected ${shown} where ${expected} was expected`, offset);
  }

  /** One byte of the top-level object's structure. */
  #structure(chunk: Uint8Array, p: number): number {
    const c = chunk[p];
    const offset = this.#base + p;
    if (isSpace(c)) return p + 1;
    switch (this.#state) {
      case State.BeforeObject:
        // A UTF-8 byte order mark is tolerated at the very start (its bytes may arrive apart).
        if (offset < 3 && this.#bomBytes === offset && c === BOM[offset]) {
          this.#bomBytes++;
          return p + 1;
        }
        if (c !== OPEN_BRACE) this.#unexpected(c, offset, "'{' (a heap snapshot is one JSON object)");
        this.#state = State.BeforeKey;
        return p + 1;
      case State.BeforeKey:
        if (c === QUOTE) {
          this.#key = [];
          this.#state = State.InKey;
          return p + 1;
        }
        if (c === CLOSE_BRACE && this.#seen.size === 0) {
          this.#state = State.Done;
          return p + 1;
        }
        return this.#unexpected(c, offset, 'a section name');
      case State.BeforeColon:
        if (c !== COLON) this.#unexpected(c, offset, "':'");
        this.#state = State.BeforeValue;
        return p + 1;
      case State.BeforeValue:
        return this.#beginValue(chunk, p, offset);
      case State.BeforeArray:
        if (c !== OPEN_BRACKET) this.#unexpected(c, offset, `'[' to open the ${this.#section} array`);
        if (this.#section === 'strings') {
          this.#state = State.StringsBetween;
          this.#expectValue = true;
          this.#anyValue = false;
        } else {
          this.#state = State.Numbers;
          const section = this.#section;
          this.#scanner = new NumberScanner(this.#sink!, (code, problem, offset) => {
            throw new SnapshotFormatError(problem, { code, file: this.#file, section, offset });
          });
        }
        return p + 1;
      case State.AfterValue:
        this.#section = 'top level';
        if (c === COMMA) {
          this.#state = State.BeforeKey;
          return p + 1;
        }
        if (c === CLOSE_BRACE) {
          this.#state = State.Done;
          return p + 1;
        }
        return this.#unexpected(c, offset, "',' or '}' after a section");
      default:
        // Done: only white space may follow the object.
        return this.#unexpected(c, offset, 'the end of the input');
    }
  }

  #inKey(chunk: Uint8Array, p: number, n: number): number {
    for (; p < n; p++) {
      const c = chunk[p];
      if (this.#keyEscape) {
        this.#keyEscape = false;
      } else if (c === BACKSLASH) {
        this.#keyEscape = true;
      } else if (c === QUOTE) {
        this.#state = State.BeforeColon;
        const key = Buffer.from(this.#key).toString('utf8');
        // Messages show a section's name as JSON writes it: a name cannot break the line or reach the terminal raw.
        const shown = JSON.stringify(key).slice(1, -1);
        if (this.#seen.has(shown))
          this.#fail('BAD_JSON', `the section "${shown}" appears twice`, this.#base + p);
        this.#seen.add(shown);
        this.#section = shown;
        return p + 1;
      }
      if (this.#key.length >= MAX_KEY_BYTES)
        this.#fail('BAD_JSON', 'a section name is too long', this.#base + p);
      this.#key.push(c);
    }
    return p;
  }

  #beginValue(chunk: Uint8Array, p: number, offset: number): number {
    const section = this.#section;
    if (this.#seen.size === 1) {
      // The first value: another file V8 writes shows itself here (its first bytes are in this chunk).
      const other = otherFormat(section, valueStart(chunk, p));
      if (other !== undefined)
        this.#fail('NOT_A_SNAPSHOT', `this is ${other}, not a heap snapshot`, offset, TAKE_A_SNAPSHOT);
    }
    if (section === 'snapshot') {
      if (chunk[p] !== OPEN_BRACE) this.#unexpected(chunk[p], offset, "'{' to open the snapshot header");
      this.#state = State.Header;
      this.#headerParts = [];
      this.#headerBytes = 0;
      this.#headerStart = offset;
      this.#startSkip(chunk[p]);
      return p + 1;
    }
    if (section === 'strings') {
      this.#state = State.BeforeArray;
      return p;
    }
    const external = this.#handlers.externalSection?.(section, offset);
    if (external !== undefined) {
      this.#jumpTo = external + 1;
      this.#state = State.AfterValue;
      return p;
    }
    const delegate = this.#handlers.valueScanner?.(section, offset);
    if (delegate) {
      this.#delegate = delegate;
      this.#state = State.Delegated;
      return p;
    }
    const sink = this.#handlers.numberSink(section, offset);
    if (sink) {
      this.#sink = sink;
      this.#state = State.BeforeArray;
      return p;
    }
    const first = chunk[p];
    // A value starts with one of {["-, a digit, or the t/f/n of true, false, null.
    if (
      !(
        first === OPEN_BRACE ||
        first === OPEN_BRACKET ||
        first === QUOTE ||
        first === 45 ||
        (first >= 48 && first <= 57) ||
        first === 116 ||
        first === 102 ||
        first === 110
      )
    ) {
      this.#unexpected(first, offset, `a value for "${section}"`);
    }
    this.#state = State.Skip;
    this.#startSkip(first);
    return p + 1;
  }

  #startSkip(first: number): void {
    this.#depth = first === OPEN_BRACE || first === OPEN_BRACKET ? 1 : 0;
    this.#inString = first === QUOTE;
    this.#escape = false;
    this.#scalar = this.#depth === 0 && !this.#inString;
  }

  /** Skips one JSON value of any shape (or captures it, for the header), depth counted, no recursion. */
  #skip(chunk: Uint8Array, p: number, n: number): number {
    const start = p;
    let depth = this.#depth;
    let done = false;
    let end = n;
    if (this.#scalar) {
      // A number, true, false or null: it ends at the next delimiter, which is not consumed.
      for (; p < n; p++) {
        const c = chunk[p];
        if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isSpace(c)) {
          done = true;
          end = p;
          break;
        }
      }
    } else {
      let inString = this.#inString;
      let escaped = this.#escape;
      for (; p < n; p++) {
        const c = chunk[p];
        if (inString) {
          if (escaped) escaped = false;
          else if (c === BACKSLASH) escaped = true;
          else if (c === QUOTE) {
            inString = false;
            if (depth === 0) {
              done = true;
              end = ++p;
              break;
            }
          }
        } else if (c === QUOTE) inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
          if (++depth > MAX_SKIP_DEPTH)
            this.#fail('BAD_JSON', 'the section nests too deeply', this.#base + p);
        } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          if (--depth === 0) {
            done = true;
            end = ++p;
            break;
          }
        }
      }
      this.#inString = inString;
      this.#escape = escaped;
    }
    this.#depth = depth;
    if (this.#state === State.Header) this.#captureHeader(chunk, start, end, done);
    if (done) this.#state = State.AfterValue;
    return done ? end : n;
  }

  #captureHeader(chunk: Uint8Array, start: number, end: number, done: boolean): void {
    this.#headerBytes += end - start;
    if (this.#headerBytes > MAX_HEADER_BYTES) {
      this.#fail('BAD_HEADER', 'the snapshot header is larger than 64 MiB', this.#headerStart);
    }
    // The opening brace was consumed before capture began.
    if (this.#headerParts.length === 0) this.#headerParts.push(Buffer.from('{'));
    this.#headerParts.push(Buffer.from(chunk.subarray(start, end)));
    if (!done) return;
    let value: unknown;
    try {
      value = JSON.parse(Buffer.concat(this.#headerParts).toString('utf8'));
    } catch (error) {
      this.#fail(
        'BAD_HEADER',
        `the snapshot header is not valid JSON (${(error as Error).message.replace(/\s+/g, ' ')})`,
        this.#headerStart,
      );
    }
    this.#headerParts = [];
    this.#handlers.header(value, this.#headerStart);
  }

  #numbers(chunk: Uint8Array, p: number, n: number): number {
    const end = this.#scanner!.scan(chunk, p, n, this.#base);
    if (end === -1) return n;
    this.#scanner = undefined;
    this.#state = State.AfterValue;
    return end;
  }

  #delegated(chunk: Uint8Array, p: number, n: number): number {
    const end = this.#delegate!.scan(chunk, p, n, this.#base);
    if (end === -1) return n;
    this.#delegate = undefined;
    this.#state = State.AfterValue;
    return end;
  }

  #stringsBetween(chunk: Uint8Array, p: number, n: number): number {
    for (; p < n; p++) {
      const c = chunk[p];
      if (isSpace(c)) continue;
      if (c === QUOTE) {
        if (!this.#expectValue)
          this.#fail('BAD_JSON', 'a comma is missing between two strings', this.#base + p);
        this.#handlers.strings.begin();
        this.#stringEscaped = false;
        this.#pendingEscape = false;
        this.#state = State.InString;
        return p + 1;
      }
      if (c === COMMA && !this.#expectValue) {
        this.#expectValue = true;
        continue;
      }
      if (c === CLOSE_BRACKET && !(this.#expectValue && this.#anyValue)) {
        this.#state = State.AfterValue;
        return p + 1;
      }
      this.#unexpected(c, this.#base + p, this.#expectValue ? 'a string' : "',' or ']'");
    }
    return p;
  }

  /** Inside a string: find its closing quote with native byte search, stepping over escapes. */
  #stringBody(chunk: Buffer, p: number, n: number): number {
    const strings = this.#handlers.strings;
    let start = p;
    if (this.#pendingEscape) {
      // The previous chunk ended right after a backslash: this byte is escaped.
      this.#pendingEscape = false;
      p++;
    }
    for (;;) {
      let quote = this.#nextQuote;
      if (quote !== -1 && quote < p) quote = this.#nextQuote = chunk.indexOf(QUOTE, p);
      let backslash = this.#nextBackslash;
      if (backslash !== -1 && backslash < p) backslash = this.#nextBackslash = chunk.indexOf(BACKSLASH, p);
      if (backslash !== -1 && (quote === -1 || backslash < quote)) {
        this.#stringEscaped = true;
        if (backslash + 1 >= n) {
          this.#pendingEscape = true;
          strings.append(chunk, start, n);
          return n;
        }
        p = backslash + 2;
        continue;
      }
      if (quote === -1) {
        strings.append(chunk, start, n);
        return n;
      }
      strings.append(chunk, start, quote);
      strings.end(this.#stringEscaped);
      start = quote + 1;
      this.#state = State.StringsBetween;
      this.#expectValue = false;
      this.#anyValue = true;
      return quote + 1;
    }
  }
}

/** The first two bytes of a value other than white space (`[{` for an array of objects), as text. */
function valueStart(chunk: Uint8Array, p: number): string {
  let start = '';
  for (let i = p; i < chunk.length && start.length < 2; i++)
    if (!isSpace(chunk[i])) start += String.fromCharCode(chunk[i]);
  return start;
}

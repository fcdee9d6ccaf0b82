import { EdgeColumns, type EdgeSection } from './edgeColumns.js';
import { type SnapshotErrorCode, SnapshotFormatError } from './errors.js';
import { parseHeader, type SnapshotHeader } from './header.js';
import { HeapGraph, type InputInfo } from './heapGraph.js';
import { LocationColumns } from './locationColumns.js';
import { NodeColumns } from './nodeColumns.js';
import type { NumberSink } from './numberSink.js';
import type { ParserHandlers, ValueScanner } from './snapshotParser.js';
import { StringTableBuilder } from './stringTable.js';
import { TraceFunctionColumns, TraceTreeScanner } from './traceColumns.js';

/** The fewest bytes a number takes in the JSON (a digit and a comma): bounds what a file can hold. */
const MIN_BYTES_PER_NUMBER = 2;
/** Without a known input size, arrays start this large and double as numbers arrive. */
const UNKNOWN_SIZE_START = 1 << 20;

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
  /** The edges section when a worker read it (parallel read). */
  #readEdges: EdgeSection | undefined;
  #locations: LocationColumns | undefined;
  #traceFunctions: TraceFunctionColumns | undefined;
  #traceTree: TraceTreeScanner | undefined;
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
    if (
      section !== 'nodes' &&
      section !== 'edges' &&
      section !== 'locations' &&
      section !== 'trace_function_infos'
    )
      return undefined;
    if (!header)
      this.#fail('BAD_HEADER', `the ${section} section comes before the snapshot header`, section, offset);
    const fail = (code: SnapshotErrorCode, problem: string, at: number): never =>
      this.#fail(code, problem, section, at);
    const done = () => this.#sectionsDone.add(section);
    if (section === 'trace_function_infos') {
      // Without named fields the records cannot be read: skip them, as an unknown section.
      if (header.traceFunctionInfoFields.length === 0) return undefined;
      this.#traceFunctions = new TraceFunctionColumns(header, fail, done);
      return this.#traceFunctions;
    }
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

  /** The nested trace_tree section has its own scanner; skipped when the header does not describe it. */
  valueScanner(section: string): ValueScanner | undefined {
    const header = this.#header;
    if (section !== 'trace_tree' || !header || !TraceTreeScanner.understands(header)) return undefined;
    const fail = (code: SnapshotErrorCode, problem: string, at: number): never =>
      this.#fail(code, problem, section, at);
    this.#traceTree = new TraceTreeScanner(header, fail, () => this.#sectionsDone.add(section));
    return this.#traceTree;
  }

  /** Takes the edges section that a worker read, in place of the parser's. */
  adoptEdges(edges: EdgeSection): void {
    this.#readEdges = edges;
    this.#sectionsDone.add('edges');
  }

  /** The checked header (after the parser has read it). */
  get parsedHeader(): SnapshotHeader | undefined {
    return this.#header;
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
    const edges = this.#readEdges ?? this.#edges!.result();
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
    const traces = this.#checkedTraces(stringCount);
    return new HeapGraph(this.#file, {
      header,
      input,
      sections,
      ...nodes.arrays(),
      edgeType: edges.edgeType,
      edgeNameOrIndex: edges.edgeNameOrIndex,
      edgeTarget: edges.edgeTarget,
      locations: this.#locations?.array() ?? new Uint32Array(0),
      strings: this.strings.build(),
      traces,
    });
  }

  /** Both allocation-stack sections, when both were read, with their indexes checked. */
  #checkedTraces(stringCount: number) {
    const functions = this.#traceFunctions;
    const tree = this.#traceTree;
    if (!functions || !tree || !this.#sectionsDone.has('trace_function_infos')) return undefined;
    if (!this.#sectionsDone.has('trace_tree')) return undefined;
    if (functions.maxString >= stringCount) {
      this.#fail(
        'BAD_STRING_INDEX',
        `a function name ${functions.maxString} is past the ${stringCount} strings`,
        'trace_function_infos',
        functions.maxStringOffset,
      );
    }
    // No check of the tree's function indexes against the functions: V8 serializes the functions
    // before the tree, so a snapshot streamed to JavaScript that allocates while it reads (with
    // tracking on, as heapdot/live does) names functions the list does not have. Such frames read
    // as unknown (AllocationTraces.frame).
    return { functions: functions.arrays(), tree: tree.arrays() };
  }

  #capacity(count: number): number {
    return this.#exactSize ? count : Math.min(count, UNKNOWN_SIZE_START);
  }

  #fail(code: SnapshotErrorCode, problem: string, section: string, offset: number, hint?: string): never {
    throw new SnapshotFormatError(problem, { code, file: this.#file, section, offset, hint });
  }
}

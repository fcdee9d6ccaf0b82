/**
 * Receives the numbers of one array section (`nodes`, `edges`, `locations`) in batches, each
 * number with the byte offset where it started, so a sink can say where a bad value stands.
 * Batches hold whole records of `recordWidth` numbers; only the last one of a section may end
 * inside a record, which a sink reports as a count mismatch.
 */
export interface NumberSink {
  readonly recordWidth: number;
  /** Numbers may have a minus sign (locations: Node 24 writes line -1 for code run with a negative line offset, as vitest runs modules). */
  readonly signed?: boolean;
  accept(values: Float64Array, offsets: Float64Array, count: number): void;
  /** The array ended at `offset`; the sink checks its count. */
  end(offset: number): void;
}

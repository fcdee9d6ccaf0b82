/**
 * Receives the numbers of one array section (`nodes`, `edges`, `locations`) in batches, each
 * number with the byte offset where it started, so a sink can say where a bad value stands.
 */
export interface NumberSink {
  accept(values: Float64Array, offsets: Float64Array, count: number): void;
  /** The array ended at `offset`; the sink checks its count. */
  end(offset: number): void;
}

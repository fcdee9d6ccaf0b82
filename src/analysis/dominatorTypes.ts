/**
 * The dominator tree of a heap graph and the sizes DevTools shows (Shallow Size, Retained Size).
 * Computed by `computeDominators(graph)` in dominators.ts.
 */
export interface Dominators {
  /** Per node ordinal: the ordinal of its immediate dominator; the root's is the root itself. */
  dominator: Uint32Array;
  /** Per node ordinal: DevTools' shallow size (V8's self size, with hidden and array objects owned by one object moved into it). */
  shallowSize: Float64Array;
  /** Per node ordinal: DevTools' retained size (the shallow sizes of everything it dominates, itself included). */
  retainedSize: Float64Array;
}

/** The dominator tree as CSR: the children of node i are children[firstChild[i] .. firstChild[i + 1]). */
export interface DominatorTree {
  firstChild: Uint32Array;
  children: Uint32Array;
}

/** How far a long computation has come: its phase (one of `steps`), and within it `done` of `total` when known. */
export interface AnalysisProgress {
  phase: string;
  step: number;
  steps: number;
  done?: number;
  total?: number;
}

export interface DominatorsOptions {
  /** Told at each phase and, in the long one, every million nodes; it may write a status line. */
  onProgress?: (progress: AnalysisProgress) => void;
}

import type { TraceFunctionArrays, TraceTreeArrays } from './traceColumns.js';

/** One frame of an allocation stack: a function and where it starts (V8 records functions, not statements). */
export interface AllocationFrame {
  functionName: string;
  scriptName: string;
  scriptId: number;
  /** 1-based line and column of the function's start; 0 when V8 did not know it. */
  line: number;
  column: number;
}

/**
 * The allocation stacks of a snapshot taken with allocation tracking on: a tree of stacks
 * (outermost frame at the top) whose entries nodes name by their trace node id.
 */
export class AllocationTraces {
  readonly functions: TraceFunctionArrays;
  readonly tree: TraceTreeArrays;
  readonly #stringAt: (index: number) => string;
  /** Trace node id -> tree entry, -1 where there is none (ids are small and dense). */
  readonly #entryOfId: Int32Array;

  constructor(functions: TraceFunctionArrays, tree: TraceTreeArrays, stringAt: (index: number) => string) {
    this.functions = functions;
    this.tree = tree;
    this.#stringAt = stringAt;
    let maxId = 0;
    for (const id of tree.id) if (id > maxId) maxId = id;
    this.#entryOfId = new Int32Array(maxId + 1).fill(-1);
    tree.id.forEach((id, entry) => {
      this.#entryOfId[id] = entry;
    });
  }

  get entryCount(): number {
    return this.tree.id.length;
  }

  /** The tree entry of a trace node id, or -1. */
  entryOfId(traceId: number): number {
    return traceId < this.#entryOfId.length ? this.#entryOfId[traceId] : -1;
  }

  /** The frame of one tree entry. */
  frame(entry: number): AllocationFrame {
    const f = this.tree.functionIndex[entry];
    const { name, scriptName, scriptId, line, column } = this.functions;
    return {
      functionName: this.#stringAt(name[f]),
      scriptName: this.#stringAt(scriptName[f]),
      scriptId: scriptId[f],
      line: line[f],
      column: column[f],
    };
  }

  /** The stack of a tree entry, innermost frame first, without the tree's synthetic top ("(root)"). */
  stack(entry: number): AllocationFrame[] {
    const frames: AllocationFrame[] = [];
    for (let e = entry; e !== -1 && this.tree.parent[e] !== -1; e = this.tree.parent[e])
      frames.push(this.frame(e));
    return frames;
  }
}

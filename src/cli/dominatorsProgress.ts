import { type AnalysisProgress, computeDominators, type Dominators, type HeapGraph } from '../index.js';
import type { CliIO } from './io.js';
import type { CommonOptions } from './options.js';
import { statusLine } from './progress.js';

/**
 * Dominators and retained sizes, with their phases on a terminal's status line (they take seconds
 * on a big snapshot: `dominators 4/5: dominator tree  62%  3.1 s`).
 */
export function dominatorsShown(
  graph: HeapGraph,
  io: CliIO,
  options: Pick<CommonOptions, 'progress' | 'quiet'>,
): Dominators {
  const line = statusLine(io.stderr, options.progress && !options.quiet);
  const started = Date.now();
  try {
    return computeDominators(graph, { onProgress: (progress) => line.show(progressText(progress, started)) });
  } finally {
    line.clear();
  }
}

function progressText(progress: AnalysisProgress, started: number): string {
  const { phase, step, steps, done, total } = progress;
  const percent = done !== undefined && total ? `  ${Math.floor((100 * done) / total)}%` : '';
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return `dominators ${step}/${steps}: ${phase}${percent}  ${seconds} s`;
}

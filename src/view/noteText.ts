import type { AnalysisNote } from '../analysis/types.js';

/**
 * An analysis note in the words the CLI prints and the pictures show: the budget by the option
 * that sets it (`--max-nodes`; heapdot/live's `maxNodes` is the same number).
 */
export function noteText(note: AnalysisNote): string {
  const { depth, adding, counts, drawn, maxNodes } = note;
  return `cut at depth ${depth}: depth ${depth + 1} would add ${adding} ${counts} to ${drawn}, over --max-nodes ${maxNodes}`;
}

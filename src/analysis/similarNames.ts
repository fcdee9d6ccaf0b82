import { compareText } from './compare.js';

/**
 * The names nearest one that matched nothing, for "did you mean ...?": first those equal to it
 * but for case, then those a few edits away (Levenshtein distance, case ignored, at most a third of
 * its length), nearest first, then those that contain it. Ties go by name, so the answer is
 * deterministic. Callers pass distinct names (classes, not nodes), so this is cheap.
 */
export function similarNames(wanted: string, names: Iterable<string>, max = 3): string[] {
  const lower = wanted.toLowerCase();
  const limit = Math.max(1, Math.floor(wanted.length / 3));
  const scored: { name: string; score: number }[] = [];
  for (const name of names) {
    if (name === wanted) continue;
    const other = name.toLowerCase();
    if (other === lower) scored.push({ name, score: 0 });
    else {
      const edits = editDistance(lower, other, limit);
      if (edits <= limit) scored.push({ name, score: edits });
      else if (lower.length >= 3 && other.includes(lower)) scored.push({ name, score: limit + 1 });
    }
  }
  scored.sort((a, b) => a.score - b.score || compareText(a.name, b.name));
  return scored.slice(0, max).map((entry) => entry.name);
}

/** Levenshtein distance of a and b, or `limit + 1` as soon as it must exceed `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      current[j] = Math.min(substitution, previous[j] + 1, current[j - 1] + 1);
      if (current[j] < best) best = current[j];
    }
    if (best > limit) return limit + 1;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length], limit + 1);
}

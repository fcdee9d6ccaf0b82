import type { IdCheck } from '../../analysis/idCheck.js';
import { MIN_SAME_CLASS_RATIO } from '../../analysis/idCheck.js';

const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;

/** What to do to get snapshots whose ids compare: one inspector session, or no session at all. */
export const COMPARABLE_SERIES_HINT =
  'take the snapshots in one go: heapdot capture --pid PID --count N --every SECONDS, or heapdot capture -o FILE -- node app.js and SIGUSR2 per snapshot';

/**
 * Why two snapshots' ids do not compare, in one line: what was measured, the likely cause, and
 * what to do. `undefined` when they do compare.
 */
export function idCheckText(check: IdCheck, first: string, second: string): string | undefined {
  if (check.comparable) return undefined;
  const measured =
    check.problem === 'few-shared'
      ? `${first} and ${second} have only ${percent(check.sharedIdRatio)} of their ids in common`
      : `of the ${check.sharedIds.toLocaleString('en-US')} ids that ${first} and ${second} both have, only ${percent(check.sameClassRatio)} name an object of the same class in both (one numbering gives over ${percent(MIN_SAME_CLASS_RATIO).replace('.0%', '%')})`;
  return `${measured}: the objects were numbered anew between them, as V8 does when an inspector session ends (separate capture --pid runs), or they come from different processes; ${COMPARABLE_SERIES_HINT}`;
}

import type { NotFoundReason } from '../../analysis/types.js';

/** Why there is no chain, in the words every format shows. */
export const NOT_FOUND_NOTES: Readonly<Record<NotFoundReason, string>> = {
  'weak-only': 'held only by weak references',
  unreachable: 'unreachable from any GC root',
};

/** `no retainer chain: held only by weak references`. */
export function notFoundNote(reason: NotFoundReason): string {
  return `no retainer chain: ${NOT_FOUND_NOTES[reason]}`;
}

import type { AnchorKind, UserChain } from '../../view/types.js';
import { cutText, NAME_MAX, visibleText } from '../label.js';
import { nodeText, type Paint } from './chainText.js';

export const ANCHOR_WORDS: Record<AnchorKind, string> = {
  module: 'module variable',
  global: 'global property',
  timer: 'active timer',
  promise: 'callbacks wait on',
  native: 'nothing else holds it',
};

/** `folded 2 internal objects; DevTools' chain has 14 edges (heapdot chain --raw)`. */
export function foldedNote(user: UserChain, distance: number | undefined): string {
  const folded = `folded ${user.foldedCount} internal object${user.foldedCount === 1 ? '' : 's'}`;
  return distance === undefined
    ? folded
    : `${folded}; DevTools' chain has ${distance} edges (heapdot chain --raw)`;
}

/** A user-view picture's note: `folded 3 internal objects into the arrows; hid 12 of V8's own (--raw draws them)`. */
export function foldedHiddenNote(summary: { folded: number; hidden: number }): string {
  const objects = summary.folded === 1 ? 'object' : 'objects';
  return `folded ${summary.folded} internal ${objects} into the arrows; hid ${summary.hidden} of V8's own (--raw draws them)`;
}

/** The notes a neighbourhood picture shows: the view's own, then what the user view left out. */
export function pictureNotes(view: {
  notes: readonly string[];
  userView?: { folded: number; hidden: number };
}): string[] {
  return view.userView === undefined ? [...view.notes] : [...view.notes, foldedHiddenNote(view.userView)];
}

/**
 * The user chain as text: the access path first, then the anchor object (and what kind of anchor
 * it is), then one line per user-level step, then what was folded.
 * ```
 * server.mjs: configBus._events["config-change"][7] captures session
 * [EventEmitter] (object) @99977 104 B node:events:219  (module variable server.mjs: configBus)
 *   --._events--->  [Object] (object) @99979 184 B {config-change}
 * ```
 */
export function userChainLines(user: UserChain, paint: Paint, distance: number | undefined): string[] {
  const last = user.steps.length - 1;
  const anchorWords = paint(`(${ANCHOR_WORDS[user.anchor.kind]} ${visibleText(user.anchor.name)})`, 'green');
  const lines = [
    paint(visibleText(user.accessPath), 'bold'),
    `${nodeText(user.anchor.node, paint, last === -1)}  ${anchorWords}`,
  ];
  for (const [position, step] of user.steps.entries()) {
    const label = paint(visibleText(cutText(step.label, NAME_MAX)), step.raw ? 'dim' : 'yellow');
    lines.push(
      `  ${paint('--', 'dim')}${label}${paint('--->', 'dim')}  ${nodeText(step.node, paint, position === last)}`,
    );
  }
  lines.push(paint(`(${foldedNote(user, distance)})`, 'dim'));
  return lines;
}

import type { AnchorKind, UserChain } from '../../view/types.js';
import { cutText, NAME_MAX, visibleText } from '../label.js';
import type { Paint } from './ansi.js';
import { nodeText } from './chainText.js';

export const ANCHOR_WORDS: Record<AnchorKind, string> = {
  module: 'module variable',
  global: 'global property',
  timer: 'active timer',
  promise: 'callbacks wait on',
  native: 'nothing else holds it',
  listener: 'event listener',
  console: 'no page code holds it',
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

/** Steps an access path shows in full; a longer one shows its first and last PATH_ENDS. */
const PATH_STEPS_MAX = 24;
const PATH_ENDS = 8;

/**
 * The access path as one readable line: a path of more than PATH_STEPS_MAX steps (a linked list
 * 12,000 links long) shows its anchor, first and last steps, and how many lie between:
 * `globalThis.head.next.next … (11,984 more steps) … .next.value`. JSON keeps the whole path.
 */
export function accessPathLine(user: UserChain): string {
  const steps = user.steps;
  if (steps.length <= PATH_STEPS_MAX) return user.accessPath;
  const joined = (from: number, to: number) =>
    steps
      .slice(from, to)
      .map((step) => step.path)
      .join('');
  const more = (steps.length - 2 * PATH_ENDS).toLocaleString('en-US');
  const last = joined(steps.length - PATH_ENDS, steps.length);
  return `${user.anchor.name}${joined(0, PATH_ENDS)} … (${more} more steps) … ${last.trimStart()}`;
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
    paint(visibleText(accessPathLine(user)), 'bold'),
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

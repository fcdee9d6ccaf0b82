import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { fixturePath, shapedSnapshot } from './snapshots.js';

/** The heap with known allocation sites: 300 Alpha from makeAlphas, 120 Beta from makeBetas through two callers. */
export const ALLOCATION_FIXTURE = 'allocation-sites-heap.mjs';

/** The fixture's script as V8 names it (an ES module: a file URL). */
export const ALLOCATION_FIXTURE_URL = pathToFileURL(fixturePath(ALLOCATION_FIXTURE)).href;

/** The fixture's snapshot, taken with allocation tracking on (`--track-heap-objects`) or off. */
export function allocationSnapshot(tracked: boolean): string {
  return shapedSnapshot(ALLOCATION_FIXTURE, tracked ? ['--track-heap-objects'] : []);
}

/**
 * Three tracked snapshots of one process (test/fixtures/allocation-growth-heap.mjs): baseline
 * (100 Kept, 50 Dropped), target (400 Leaked more from leakSome, 300 Transient made and let go,
 * the Dropped let go), final (800 Leaked more).
 */
export const GROWTH_FIXTURE = 'allocation-growth-heap.mjs';

/** Where a fixture's function `name` starts, as V8 records it: 1-based line, and the column of its `(`. */
export function functionStart(name: string, fixture = ALLOCATION_FIXTURE): { line: number; column: number } {
  const lines = readFileSync(fixturePath(fixture), 'utf8').split('\n');
  const index = lines.findIndex((text) => text.startsWith(`function ${name}(`));
  assert.notEqual(index, -1, `the fixture defines ${name}`);
  return { line: index + 1, column: lines[index].indexOf('(') + 1 };
}

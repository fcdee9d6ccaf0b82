import type { SnapshotErrorCode } from './errors.js';

/** What a section's columns call when a value is wrong: throws a SnapshotFormatError for that section. */
export type Fail = (code: SnapshotErrorCode, problem: string, offset: number) => never;

export const UINT32_MAX = 0xffffffff;

/** The field positions of a record, -1 for a field the layout lacks. */
export function positions<T extends string>(fields: string[], names: readonly T[]): Record<T, number> {
  return Object.fromEntries(names.map((name) => [name, fields.indexOf(name)])) as Record<T, number>;
}

type Typed = Uint8Array | Uint32Array;
type TypedConstructor<T extends Typed> = {
  new (length: number): T;
  new (buffer: ArrayBufferLike): T;
  BYTES_PER_ELEMENT: number;
};

/** Makes the typed arrays of a column; the edge worker makes them on shared memory. */
export type Allocate = <T extends Typed>(make: TypedConstructor<T>, length: number) => T;

export const allocatePrivate: Allocate = (make, length) => new make(length);

/** Arrays the main thread can read without a copy: a worker fills them, the graph keeps them. */
export const allocateShared: Allocate = (make, length) =>
  new make(new SharedArrayBuffer(Math.max(1, length) * make.BYTES_PER_ELEMENT)).subarray(0, length) as never;

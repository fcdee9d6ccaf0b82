/**
 * Typed arrays that start at a size the input can justify and double up to a hard limit,
 * so a header that lies about its counts cannot make heapdot allocate gigabytes up front.
 */
type TypedArrayConstructor<T> = { new (length: number): T };
type Typed = Uint8Array | Uint16Array | Uint32Array | Float64Array;

export function grow<T extends Typed>(
  array: T,
  needed: number,
  limit: number,
  make: TypedArrayConstructor<T>,
): T {
  if (needed <= array.length) return array;
  const length = Math.min(Math.max(needed, array.length * 2, 1024), Math.max(limit, needed));
  const bigger = new make(length);
  bigger.set(array);
  return bigger;
}

/** Shrinks an array to its used length, so a graph does not keep slack from growth. */
export function trim<T extends Typed>(array: T, used: number): T {
  return (used === array.length ? array : array.slice(0, used)) as T;
}

import { InvalidArgumentError } from 'commander';
import type { TrendMetric } from '../index.js';
import { parsePattern } from './options.js';

/** An inspector port (capture --port). */
export function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 65535)
    throw new InvalidArgumentError('use a port from 1 to 65535.');
  return n;
}

/** A time in seconds (capture --every, --after). */
export function seconds(value: string): number {
  const n = Number(value);
  // setTimeout takes at most 2^31 - 1 ms (about 24 days).
  if (!/^\d+(\.\d+)?$/.test(value) || n <= 0 || n > 2_000_000)
    throw new InvalidArgumentError('use a number of seconds > 0 and at most 2000000.');
  return n;
}

/** `--class NAME` (exact) or `--class /regex/flags`, collected in the order given (trend). */
export function collectClass(value: string, previous: (string | RegExp)[] = []): (string | RegExp)[] {
  const isRegex = value.length > 1 && value.startsWith('/') && /\/[a-z]*$/.test(value);
  return [...previous, isRegex ? parsePattern(value) : value];
}

/** `count` or `self` (the library's `selfSize`): the one place trend's CLI word becomes the library's. */
export function parseMetric(value: string): TrendMetric {
  if (value === 'count') return 'count';
  if (value === 'self') return 'selfSize';
  throw new InvalidArgumentError('use count or self.');
}

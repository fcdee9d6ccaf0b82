import type { Direction } from '../analysis/types.js';

const NOUNS: Readonly<Record<Direction, readonly [string, string]>> = {
  retainers: ['retainer', 'retainers'],
  references: ['reference', 'references'],
};

/** The words of a "more" box: `36 more retainers`, `1 more reference`. */
export function moreText(more: { count: number; direction: Direction }): string {
  const [one, many] = NOUNS[more.direction];
  return `${more.count} more ${more.count === 1 ? one : many}`;
}

import type { ClassBreakdown } from '../../analysis/classShares.js';
import type { Direction } from '../../analysis/types.js';
import { formatBytes } from '../formatBytes.js';
import { cutText, NAME_MAX } from '../label.js';

const NOUNS: Readonly<Record<Direction, readonly [string, string]>> = {
  retainers: ['retainer', 'retainers'],
  references: ['reference', 'references'],
};

/** The words of a "more" box: `36 more retainers`, `1 more reference`. */
export function moreText(more: { count: number; direction: Direction }): string {
  const [one, many] = NOUNS[more.direction];
  return `${more.count} more ${more.count === 1 ? one : many}`;
}

/**
 * What a "more" box holds, one line per class: `Array ×200 · 12.5 KiB`, then `+ 4 other classes`.
 * Class names are cut, not escaped: each renderer escapes for its format.
 */
export function breakdownLines(breakdown: ClassBreakdown | undefined): string[] {
  if (breakdown === undefined) return [];
  const lines = breakdown.classes.map(
    (share) => `${cutText(share.className, NAME_MAX)} ×${share.count} · ${formatBytes(share.size)}`,
  );
  const others = breakdown.otherClasses;
  if (others > 0) lines.push(`+ ${others} other ${others === 1 ? 'class' : 'classes'}`);
  return lines;
}

import type { DominatorSubtree, DominatorsView } from '../../view/types.js';
import { formatBytes } from '../formatBytes.js';
import { painter } from './ansi.js';
import { nodeText } from './chainText.js';

/**
 * `heapdot dominators` as text: the dominator chain, root first (each line dominates the next:
 * releasing it frees everything below), then the target's dominated subtree, indented.
 */
export function dominatorsToText(view: DominatorsView, options: { color?: boolean } = {}): string {
  const paint = painter(options.color ?? false);
  const last = view.chain.length - 1;
  const lines = view.chain.map(
    (node, index) =>
      `${'  '.repeat(Math.min(index, 1))}${index > 0 ? 'dominates ' : ''}${nodeText(node, paint, index === last)}`,
  );
  if (view.subtree) {
    lines.push('', `what @${view.target.id} alone keeps alive:`);
    const walk = (subtree: DominatorSubtree, depth: number) => {
      lines.push(`${'  '.repeat(depth)}${nodeText(subtree.node, paint, depth === 0)}`);
      for (const child of subtree.children) walk(child, depth + 1);
      if (subtree.more) {
        lines.push(
          `${'  '.repeat(depth + 1)}${subtree.more.count} more, retaining ${formatBytes(subtree.more.retainedSize)}`,
        );
      }
    };
    walk(view.subtree, 0);
  }
  return `${lines.join('\n')}\n`;
}

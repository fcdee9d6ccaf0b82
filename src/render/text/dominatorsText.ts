import type { DominatorSubtree, DominatorsView } from '../../view/types.js';
import { formatBytes } from '../formatBytes.js';
import { cutText, visibleText } from '../label.js';
import { painter } from './ansi.js';
import { nodeText } from './chainText.js';

/**
 * `heapdot dominators` as text: the dominator chain, root first (each line dominates the next:
 * releasing it frees everything below), then the target's dominated subtree, indented.
 */
export function dominatorsToText(view: DominatorsView, options: { color?: boolean } = {}): string {
  const paint = painter(options.color ?? false);
  const last = view.chain.length - 1;
  const { user } = view;
  // The user view names each dominator by the JavaScript that reaches it, before the object.
  const entries = user
    ? user.chain.map(({ index, accessPath }) => ({ index, accessPath }))
    : view.chain.map((_, index) => ({ index, accessPath: undefined }));
  const lines = entries.map(({ index, accessPath }, position) => {
    const path = accessPath === undefined ? '' : `${visibleText(cutText(accessPath, PATH_MAX))}  `;
    const node = nodeText(view.chain[index], paint, index === last);
    return `${'  '.repeat(Math.min(position, 1))}${position > 0 ? 'dominates ' : ''}${path}${node}`;
  });
  if (user && user.leftOut > 0) lines.push(leftOutLine(user.leftOut, 'dominator'));
  const subtree = user ? user.subtree : view.subtree;
  if (subtree) {
    lines.push('', `what @${view.target.id} alone keeps alive:`);
    const walk = (tree: DominatorSubtree, depth: number) => {
      lines.push(`${'  '.repeat(depth)}${nodeText(tree.node, paint, depth === 0)}`);
      for (const child of tree.children) walk(child, depth + 1);
      if (tree.more) {
        lines.push(
          `${'  '.repeat(depth + 1)}${tree.more.count} more, retaining ${formatBytes(tree.more.retainedSize)}`,
        );
      }
    };
    walk(subtree, 0);
    if (user && user.subtreeLeftOut > 0) lines.push(leftOutLine(user.subtreeLeftOut, 'object'));
  }
  return `${lines.join('\n')}\n`;
}

/** An access path gets more room than a class name: it is the point of the line. */
const PATH_MAX = 120;

/** How many of V8's own objects the user view left out, and where to see them. */
export function leftOutLine(count: number, what: 'dominator' | 'object'): string {
  const noun = count === 1 ? `V8-internal ${what}` : `V8-internal ${what}s`;
  const which =
    what === 'dominator' ? 'left out' : `replaced by what ${count === 1 ? 'it keeps' : 'they keep'} alive`;
  return `(${count.toLocaleString('en-US')} ${noun} ${which}; heapdot dominators --raw shows V8's graph)`;
}

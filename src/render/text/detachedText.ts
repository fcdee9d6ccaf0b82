import type { DetachedTreeView, DetachedView } from '../../view/detachedView.js';
import { formatBytes } from '../formatBytes.js';
import { visibleText } from '../label.js';
import { painter } from './ansi.js';
import { codeSpan, markdownTable } from './markdownText.js';
import { userChainLines } from './userChainText.js';

/** `2 detached DOM trees: 9 nodes, 1.2 KiB retained`; a page with none says so. */
export function detachedSummary(view: DetachedView): string {
  if (view.treeCount === 0) return 'no detached DOM trees';
  const trees = view.treeCount === 1 ? 'tree' : 'trees';
  const nodes = view.nodeCount === 1 ? 'node' : 'nodes';
  return `${view.treeCount} detached DOM ${trees}: ${view.nodeCount} ${nodes}, ${formatBytes(view.retainedSize)} retained`;
}

function treeHeading(tree: DetachedTreeView, position: number): string {
  const nodes = tree.nodeCount === 1 ? 'node' : 'nodes';
  return `#${position + 1} ${visibleText(tree.element)}: ${tree.nodeCount} ${nodes}, ${formatBytes(tree.retainedSize)} retained, @${tree.entry.id}`;
}

/** What `--limit` left out, or nothing. */
function moreLine(view: DetachedView): string[] {
  const more = view.treeCount - view.trees.length;
  return more > 0 ? [`(${more} more ${more === 1 ? 'tree' : 'trees'}: --limit)`] : [];
}

/**
 * `heapdot detached` as text: the totals, then each tree (largest retained size first) with the
 * user chain from the JavaScript that holds it.
 */
export function detachedToText(view: DetachedView, color = false): string {
  const paint = painter(color);
  const lines = [detachedSummary(view)];
  for (const [position, tree] of view.trees.entries()) {
    lines.push('', treeHeading(tree, position));
    const chain =
      tree.user === undefined
        ? ['no anchor reaches it (heapdot chain --raw shows what holds it)']
        : userChainLines(tree.user, paint, undefined);
    lines.push(...chain.map((line) => `  ${line}`));
  }
  lines.push(...moreLine(view));
  return `${lines.join('\n')}\n`;
}

/** `heapdot detached` as Markdown: the totals, then one row per tree with its holder's access path. */
export function detachedToMarkdown(view: DetachedView): string {
  const rows = view.trees.map((tree, position) => [
    String(position + 1),
    codeSpan(tree.element),
    String(tree.nodeCount),
    formatBytes(tree.retainedSize),
    `\`@${tree.entry.id}\``,
    tree.user === undefined ? 'no anchor reaches it' : codeSpan(tree.user.accessPath),
  ]);
  const table =
    rows.length === 0
      ? ''
      : `\n${markdownTable(['#', 'element', 'nodes', 'retained', 'id', 'held by'], rows, [0, 2, 3])}`;
  return `${detachedSummary(view)}\n${table}${moreLine(view).join('\n')}${moreLine(view).length > 0 ? '\n' : ''}`;
}

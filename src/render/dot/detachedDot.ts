import type { DetachedView } from '../../view/detachedView.js';
import { formatBytes } from '../formatBytes.js';
import { cutText, dotLines, NAME_MAX } from '../label.js';
import { nodeLabelLines } from '../nodeLabel.js';
import { detachedSummary } from '../text/detachedText.js';
import { ANCHOR_WORDS } from '../text/userChainText.js';
import { addNotes, dotDocument } from './dotDocument.js';
import { nodeColors, ROOT_COLORS, userStepAttributes } from './dotStyle.js';

/**
 * The top detached trees as one picture: for each, the user chain from its holder (the anchor
 * green, named in words) down to the tree's element (red), labelled with its node count and
 * retained size. A tree no anchor reaches is its element alone.
 */
export function detachedToDot(view: DetachedView): string {
  return dotDocument('detached', { rankdir: 'TB' }, (g) => {
    for (const [index, tree] of view.trees.entries()) {
      const id = (position: number) => `t${index}n${position}`;
      const user = tree.user;
      const nodes =
        user === undefined ? [tree.entry] : [user.anchor.node, ...user.steps.map((step) => step.node)];
      const last = nodes.length - 1;
      for (const [position, node] of nodes.entries()) {
        const lines = nodeLabelLines(node);
        if (position === last)
          lines.unshift(
            cutText(
              `${tree.element}: ${tree.nodeCount} nodes, ${formatBytes(tree.retainedSize)} retained`,
              NAME_MAX,
            ),
          );
        if (position === 0 && user !== undefined)
          lines.unshift(cutText(`${ANCHOR_WORDS[user.anchor.kind]}: ${user.anchor.name}`, NAME_MAX));
        const colors = nodeColors(node, {
          depth: last - position,
          maxDepth: last,
          isTarget: position === last,
        });
        g.createNode(id(position), {
          label: dotLines(lines),
          ...colors,
          ...(position === 0 && user !== undefined && ROOT_COLORS),
        });
      }
      if (user !== undefined)
        for (const [position, step] of user.steps.entries())
          g.createEdge([id(position), id(position + 1)], userStepAttributes(step, NAME_MAX));
    }
    const shown = view.trees.length;
    const drawn = shown < view.treeCount ? `; the ${shown} largest drawn` : '';
    addNotes(g, [`${detachedSummary(view)}${drawn}`]);
  });
}

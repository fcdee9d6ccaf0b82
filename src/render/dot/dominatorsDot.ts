import type { RootGraphModel } from 'ts-graphviz';
import type { DominatorSubtree, DominatorsView, NodeView } from '../../view/types.js';
import { formatBytes } from '../formatBytes.js';
import { cutText, dotLines } from '../label.js';
import { nodeLabelLines } from '../nodeLabel.js';
import { NOTE_FILL, TARGET_COLOR } from '../palette.js';
import { leftOutLine } from '../text/dominatorsText.js';
import { addNotes, dotDocument } from './dotDocument.js';

/** A box's access path line: wider than a class name, narrower than a page. */
const PATH_MAX = 60;

import { nodeColors } from './dotStyle.js';

/**
 * The dominator chain as a DOT path, root at the top (each box dominates the one below it),
 * and the target's dominated subtree under it; arrows mean "dominates", so they carry no label.
 */
export function dominatorsToDot(view: DominatorsView): string {
  const subtreeDepth = view.subtree ? depthOf(view.subtree) : 0;
  const maxDepth = view.chain.length - 1 + subtreeDepth;
  return dotDocument('dominators', { rankdir: 'TB' }, (g) => {
    const last = view.chain.length - 1;
    const { user } = view;
    // The user view draws only the objects a user would name, each with the JavaScript that reaches it.
    const entries = user ? user.chain : view.chain.map((_, index) => ({ index, accessPath: undefined }));
    let previous: string | undefined;
    for (const { index, accessPath } of entries) {
      const id = `c${index}`;
      addNode(g, id, view.chain[index], last - index, maxDepth, index === last, accessPath);
      if (previous !== undefined) g.createEdge([{ id: previous }, { id }]);
      previous = id;
    }
    const subtree = user ? user.subtree : view.subtree;
    if (subtree) addSubtree(g, subtree, `c${last}`, 0, maxDepth, { next: 0 });
    if (user) {
      const notes = [
        ...(user.leftOut > 0 ? [leftOutLine(user.leftOut, 'dominator')] : []),
        ...(user.subtreeLeftOut > 0 ? [leftOutLine(user.subtreeLeftOut, 'object')] : []),
      ];
      addNotes(g, notes);
    }
  });
}

function addNode(
  g: RootGraphModel,
  id: string,
  node: NodeView,
  depth: number,
  maxDepth: number,
  isTarget: boolean,
  accessPath?: string,
) {
  const path = accessPath === undefined ? [] : [cutText(accessPath, PATH_MAX)];
  g.createNode(id, {
    label: dotLines([...path, ...nodeLabelLines(node)]),
    ...nodeColors(node, { depth, maxDepth, isTarget }),
  });
}

function addSubtree(
  g: RootGraphModel,
  subtree: DominatorSubtree,
  id: string,
  depth: number,
  maxDepth: number,
  counter: { next: number },
) {
  for (const child of subtree.children) {
    const childId = `s${counter.next++}`;
    addNode(g, childId, child.node, depth + 1, maxDepth, false);
    g.createEdge([{ id }, { id: childId }]);
    addSubtree(g, child, childId, depth + 1, maxDepth, counter);
  }
  if (subtree.more) {
    const moreId = `s${counter.next++}`;
    g.createNode(moreId, {
      label: dotLines([`${subtree.more.count} more`, `retaining ${formatBytes(subtree.more.retainedSize)}`]),
      color: TARGET_COLOR,
      fillcolor: NOTE_FILL,
      fontcolor: 'black',
    });
    g.createEdge([{ id }, { id: moreId }]);
  }
}

function depthOf(subtree: DominatorSubtree): number {
  return subtree.children.reduce((deepest, child) => Math.max(deepest, 1 + depthOf(child)), 0);
}

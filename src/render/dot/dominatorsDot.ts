import type { RootGraphModel } from 'ts-graphviz';
import type { DominatorSubtree, DominatorsView, NodeView } from '../../view/types.js';
import { formatBytes } from '../formatBytes.js';
import { dotLines } from '../label.js';
import { nodeLabelLines } from '../nodeLabel.js';
import { NOTE_FILL, TARGET_COLOR } from '../palette.js';
import { dotDocument } from './dotDocument.js';
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
    view.chain.forEach((node, index) => {
      addNode(g, `c${index}`, node, last - index, maxDepth, index === last);
      if (index > 0) g.createEdge([{ id: `c${index - 1}` }, { id: `c${index}` }]);
    });
    if (view.subtree) addSubtree(g, view.subtree, `c${last}`, 0, maxDepth, { next: 0 });
  });
}

function addNode(
  g: RootGraphModel,
  id: string,
  node: NodeView,
  depth: number,
  maxDepth: number,
  isTarget: boolean,
) {
  g.createNode(id, {
    label: dotLines(nodeLabelLines(node)),
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

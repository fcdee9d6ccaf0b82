import type { DominatorSubtree, DominatorsView } from '../types.js';
import { nodeToJson } from './nodeJson.js';

interface SubtreeJson {
  node: ReturnType<typeof nodeToJson>;
  children: SubtreeJson[];
  more?: { count: number; retainedSize: number };
}

function subtreeJson(subtree: DominatorSubtree): SubtreeJson {
  const json: SubtreeJson = { node: nodeToJson(subtree.node), children: subtree.children.map(subtreeJson) };
  if (subtree.more) json.more = subtree.more;
  return json;
}

/**
 * `{ target, chain: [Node, ...], subtree?, user? }`: the chain root first, Nodes with retainedSize;
 * `user` lists the user view's dominators by id, each with its access path when it has one.
 */
export function dominatorsToJson(view: DominatorsView): string {
  const json: {
    target: ReturnType<typeof nodeToJson>;
    chain: ReturnType<typeof nodeToJson>[];
    subtree?: SubtreeJson;
    user?: {
      chain: { id: number; accessPath?: string }[];
      leftOut: number;
      subtree?: SubtreeJson;
      subtreeLeftOut: number;
    };
  } = {
    target: nodeToJson(view.target),
    chain: view.chain.map(nodeToJson),
  };
  if (view.subtree) json.subtree = subtreeJson(view.subtree);
  // The user view is added beside DevTools' chain, which keeps its meaning (as in the chain JSON).
  const { user } = view;
  if (user) {
    json.user = {
      chain: user.chain.map(({ index, accessPath }) => ({
        id: view.chain[index].id,
        ...(accessPath !== undefined && { accessPath }),
      })),
      leftOut: user.leftOut,
      ...(user.subtree && { subtree: subtreeJson(user.subtree) }),
      subtreeLeftOut: user.subtreeLeftOut,
    };
  }
  return `${JSON.stringify(json, null, 2)}\n`;
}

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

/** `{ target, chain: [Node, ...], subtree? }`: the chain root first, Nodes with retainedSize. */
export function dominatorsToJson(view: DominatorsView): string {
  const json: {
    target: ReturnType<typeof nodeToJson>;
    chain: ReturnType<typeof nodeToJson>[];
    subtree?: SubtreeJson;
  } = {
    target: nodeToJson(view.target),
    chain: view.chain.map(nodeToJson),
  };
  if (view.subtree) json.subtree = subtreeJson(view.subtree);
  return `${JSON.stringify(json, null, 2)}\n`;
}

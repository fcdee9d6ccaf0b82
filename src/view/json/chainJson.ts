import type { ChainView, EdgeSummary, NodeSummary, NodeView } from '../../analysis/types.js';
import type { UserChain } from '../types.js';

/**
 * A node as DESIGN.md's stable JSON has it: these keys in this order, optional ones only when
 * known. The view's drawing fields (preview, location, root flags) stay out of the contract.
 */
export function nodeToJson(node: NodeView | NodeSummary): NodeSummary {
  const json: NodeSummary = {
    id: node.id,
    type: node.type,
    name: node.name,
    className: node.className,
    selfSize: node.selfSize,
    v8SelfSize: node.v8SelfSize,
  };
  if (node.distance !== undefined) json.distance = node.distance;
  if (node.retainedSize !== undefined) json.retainedSize = node.retainedSize;
  if (node.detached !== undefined) json.detached = node.detached;
  return json;
}

function edgeToJson(edge: EdgeSummary): EdgeSummary {
  return { type: edge.type, name: edge.name };
}

function chainObject(view: ChainView): object {
  const target = nodeToJson(view.target);
  const leftOut = view.leftOut && { leftOut: view.leftOut };
  if (!view.found) return { target, found: false, reason: view.reason, nodes: [], edges: [], ...leftOut };
  return {
    target,
    found: true,
    rootKind: view.rootKind,
    distance: view.distance ?? view.edges.length,
    nodes: view.nodes.map(nodeToJson),
    edges: view.edges.map(edgeToJson),
    ...(view.user && userChainJson(view.user)),
    ...leftOut,
  };
}

/** The user chain added to the stable shape (DESIGN.md): anchor, steps with the raw ids they fold, accessPath. */
function userChainJson(user: UserChain): object {
  const { anchor } = user;
  return {
    anchor: {
      kind: anchor.kind,
      name: anchor.name,
      node: nodeToJson(anchor.node),
      holderId: anchor.holderId,
      edge: anchor.edge,
    },
    steps: user.steps.map((step) => ({
      label: step.label,
      raw: step.raw,
      node: nodeToJson(step.node),
      rawNodes: step.rawNodes,
      rawEdges: step.rawEdges,
    })),
    accessPath: user.accessPath,
  };
}

/** The chain as DESIGN.md's "JSON of a chain", two-space indented, with a final newline. */
export function chainToJson(view: ChainView): string {
  return `${JSON.stringify(chainObject(view), null, 2)}\n`;
}

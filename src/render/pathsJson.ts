import type { PathsTree, PathsTreeNode } from '../analysis/pathsTypes.js';
import type { EdgeSummary } from '../analysis/types.js';

/** One step of merged paths as JSON (the issue's `{name, edge, count, retainedSize, children}`, and a few keys more). */
export interface PathsNodeJson {
  name: string;
  /** The edge from the parent step (DESIGN.md's Edge: a number for element edges, the first merged index); null for the root, "more" and "(unreachable)". */
  edge: EdgeSummary | null;
  count: number;
  retainedSize: number;
  kind: PathsTreeNode['kind'];
  /** The snapshot id of one object at this step, for `heapdot chain <snapshot> @id`. */
  example?: number;
  /** Merged element edges: the smallest and largest index. */
  indexes?: [number, number];
  children: PathsNodeJson[];
}

/** The tree as plain objects, built without recursion (chains can be thousands of steps long). */
export function pathsObject(tree: PathsTree): PathsNodeJson {
  const convert = (node: PathsTreeNode): PathsNodeJson => {
    const json: PathsNodeJson = {
      name: node.name,
      edge: node.edge === null ? null : { type: node.edge.type, name: node.edge.name },
      count: node.count,
      retainedSize: node.retainedSize,
      kind: node.kind,
      children: [],
    };
    if (node.exampleId !== undefined) json.example = node.exampleId;
    if (node.indexRange !== undefined) json.indexes = [node.indexRange[0], node.indexRange[1]];
    // Keys in a fixed order: children last.
    const { children, ...rest } = json;
    return { ...rest, children };
  };
  const root = convert(tree.root);
  const stack: [PathsTreeNode, PathsNodeJson][] = [[tree.root, root]];
  while (stack.length > 0) {
    const [node, json] = stack.pop()!;
    for (const child of node.children) {
      const childJson = convert(child);
      json.children.push(childJson);
      stack.push([child, childJson]);
    }
  }
  return root;
}

/**
 * Merged paths as JSON, two-space indented, with a final newline: the root step, each step
 * `{name, edge, count, retainedSize, kind, example?, indexes?, children}`, children largest count
 * first. `count` of the root is the number of matched objects; of any step, the sum of its
 * children's plus the matches that are the step itself.
 */
export function pathsToJson(tree: PathsTree): string {
  return `${JSON.stringify(pathsObject(tree), null, 2)}\n`;
}

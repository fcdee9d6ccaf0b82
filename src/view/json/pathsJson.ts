import type { PathsTree, PathsTreeNode } from '../../analysis/pathsTypes.js';
import type { EdgeSummary } from '../../analysis/types.js';

/** One step of merged paths as JSON (the issue's `{name, edge, count, retainedSize, children}`, and a few keys more). */
export interface PathsNodeJson {
  name: string;
  /** The edge from the parent step (DESIGN.md's Edge: a number for element edges; the first merged object's); null for the root, "more" and "(unreachable)". */
  edge: EdgeSummary | null;
  count: number;
  retainedSize: number;
  kind: PathsTreeNode['kind'];
  /** How many heap objects were merged into this step (absent for "more"). */
  objects?: number;
  /** The snapshot id of one object at this step, for `heapdot chain <snapshot> @id`. */
  example?: number;
  /** Merged numbered edges (elements, a Map's table slots): the smallest and largest number. */
  indexes?: [number, number];
  children: PathsNodeJson[];
}

/** The tree as plain objects, built without recursion (chains can be thousands of steps long). */
export function pathsObject(tree: PathsTree): PathsNodeJson {
  // Keys in a fixed order, optional ones only when set, children last.
  const convert = (node: PathsTreeNode): PathsNodeJson => ({
    name: node.name,
    edge: node.edge === null ? null : { type: node.edge.type, name: node.edge.name },
    count: node.count,
    retainedSize: node.retainedSize,
    kind: node.kind,
    ...(node.kind === 'more' ? {} : { objects: node.objects }),
    ...(node.exampleId === undefined ? {} : { example: node.exampleId }),
    ...(node.indexRange === undefined ? {} : { indexes: [node.indexRange[0], node.indexRange[1]] }),
    children: [],
  });
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
 * `{name, edge, count, retainedSize, kind, objects?, example?, indexes?, children}`, children largest count
 * first. `count` of the root is the number of matched objects; of any step, the sum of its
 * children's plus the matches that are the step itself.
 */
export function pathsToJson(tree: PathsTree): string {
  return `${JSON.stringify(pathsObject(tree), null, 2)}\n`;
}

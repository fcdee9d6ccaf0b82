import type { ClassBreakdown } from '../../src/analysis/classShares.js';
/**
 * Builders for neighbourhood views (backrefs, refs): boxes from NodeViews (fixtures.ts), arrows
 * between boxes, holder -> held. Keys follow the analysis layer's: `o` and the snapshot id for an
 * object, `more:<id>:<direction>` for a "more" box.
 */
import type { Direction, EdgeSummary } from '../../src/analysis/types.js';
import type { GraphEdgeView, GraphNodeView, NeighbourhoodView, NodeView } from '../../src/view/types.js';
import {
  element,
  elementsTable,
  globalObject,
  imageReq,
  internal,
  objectNode,
  property,
  weak,
} from './fixtures.js';

type ObjectBox = Extract<GraphNodeView, { kind: 'object' }>;
type MoreBox = Extract<GraphNodeView, { kind: 'more' }>;

/** An expanded, plain box unless told otherwise; depth 0 boxes are targets. */
export function objectBox(
  node: NodeView,
  depth: number,
  flags: { target?: boolean; highlighted?: boolean; expanded?: boolean } = {},
): ObjectBox {
  return {
    kind: 'object',
    key: `o${node.id}`,
    node,
    depth,
    isTarget: flags.target ?? depth === 0,
    highlighted: flags.highlighted ?? false,
    expanded: flags.expanded ?? true,
  };
}

/** `count` neighbours of `of` left out, one level beyond it: all `Object`s of 16 bytes unless told. */
export function moreBox(
  of: ObjectBox,
  count: number,
  direction: Direction,
  breakdown: ClassBreakdown = {
    classes: [{ className: 'Object', count, size: 16 * count }],
    otherClasses: 0,
  },
): MoreBox {
  return {
    kind: 'more',
    key: `more:${of.node.id}:${direction}`,
    count,
    breakdown,
    direction,
    of: of.key,
    depth: of.depth + 1,
  };
}

/** `holder -> held`, through `edge` (none for the arrow of a "more" box). */
export function arrow(holder: GraphNodeView, held: GraphNodeView, edge?: EdgeSummary): GraphEdgeView {
  return edge === undefined ? { from: holder.key, to: held.key } : { from: holder.key, to: held.key, edge };
}

export function neighbourhood(fields: {
  kind?: NeighbourhoodView['kind'];
  nodes: GraphNodeView[];
  edges: GraphEdgeView[];
  maxDepth?: number;
  notes?: string[];
}): NeighbourhoodView {
  const targets = fields.nodes.filter((node): node is ObjectBox => node.kind === 'object' && node.isTarget);
  return {
    kind: fields.kind ?? 'backrefs',
    snapshotName: 'after.heapsnapshot',
    targets: targets.map((target) => target.node.id),
    maxDepth: fields.maxDepth ?? Math.max(0, ...fields.nodes.map((node) => node.depth)),
    nodes: fields.nodes,
    edges: fields.edges,
    notes: fields.notes ?? [],
  };
}

/** The boxes of `leakBackrefs`, by role. */
export function leakBoxes() {
  const target = objectBox(imageReq(), 0);
  const table = objectBox(elementsTable(), 1);
  const context = objectBox(objectNode({ id: 6002, type: 'object', className: 'system / Context' }), 1, {
    highlighted: true,
  });
  const weakRef = objectBox(objectNode({ id: 7001, className: 'WeakRef' }), 1);
  const cache = objectBox(objectNode({ id: 5001, className: 'Cache', selfSize: 48 }), 2);
  const root = objectBox(globalObject(), 3, { expanded: false });
  const timer = objectBox(objectNode({ id: 8001, className: 'Timeout' }), 3, { expanded: false });
  const more = moreBox(cache, 36, 'retainers');
  return { target, table, context, weakRef, cache, root, timer, more };
}

/**
 * Who holds a leaked ImageReqWrapper, three levels up (every arrow holder -> held):
 * - depth 0: the target;
 * - depth 1: a Map table (`[7]`), a closure context (`r`, highlighted), a WeakRef (weak `target`);
 * - depth 2: a Cache holding both the table and the context (a diamond: drawn once);
 * - depth 3: `global` (a root, not expanded), a Timeout (not expanded: the depth limit) and
 *   36 more retainers of the Cache.
 * The target's `owner` is the Cache: a cycle. One note.
 */
export function leakBackrefs(): NeighbourhoodView {
  const { target, table, context, weakRef, cache, root, timer, more } = leakBoxes();
  return neighbourhood({
    nodes: [target, table, context, weakRef, cache, root, timer, more],
    edges: [
      arrow(table, target, element(7)),
      arrow(context, target, { type: 'context', name: 'r' }),
      arrow(weakRef, target, weak('target')),
      arrow(cache, table, internal('table')),
      arrow(cache, context, property('context')),
      arrow(target, cache, property('owner')),
      arrow(root, cache, property('cache')),
      arrow(timer, cache, property('cache')),
      arrow(more, cache),
    ],
    maxDepth: 3,
    notes: ['The picture was cut at depth 3 (--max-nodes 400).'],
  });
}

/** What a Cache holds: the table, and 12 more references. */
export function cacheRefs(): NeighbourhoodView {
  const cache = objectBox(objectNode({ id: 5001, className: 'Cache', selfSize: 48 }), 0);
  const table = objectBox(
    objectNode({ id: 5003, type: 'array', name: '', className: '(object elements)', selfSize: 1040 }),
    1,
    { expanded: false },
  );
  const more = moreBox(cache, 12, 'references');
  return neighbourhood({
    kind: 'refs',
    nodes: [cache, table, more],
    edges: [arrow(cache, table, internal('table')), arrow(cache, more)],
  });
}

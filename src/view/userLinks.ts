import type { HeapGraph } from '../snapshot/heapGraph.js';
import { isModuleContext, timerCallback } from './anchors.js';
import { FOLD, type Hops, SKIP, STEP } from './hops.js';
import { NAME } from './nameCodes.js';

/**
 * The user view's neighbours of one object, for the pictures that grow from a target (backrefs,
 * refs): each user-level reference into or out of it, with the raw edges it folds. The same rules
 * as the user chain (hops.ts): a hop a folding rule allows goes on through the internal object
 * (a Context, a backing store, a Map's table), a hop onto a user-visible object ends a link, and a
 * hop into an internal object no rule covers (a shape's map, compiled code, a SharedFunctionInfo)
 * is not drawn but counted as hidden. A module's scope is an anchor (src/view/anchors.ts): a holder
 * in its own right, drawn as the module, never as every function of the module that captures it.
 */
export interface UserLink {
  /** The object at the other end: the holder for retainers, the held object for references. */
  other: number;
  /** The raw edges in the heap's direction, holder first: the folded ones, then the last. */
  rawEdges: number[];
}

export interface UserLinks {
  links: UserLink[];
  /** Internal objects next to this one (or to what it folds) that no rule covers: hidden. */
  hidden: number[];
}

/** At most this many internal objects are folded through per object: V8's chains are short. */
const FOLD_LIMIT = 10_000;

/** What `node` holds in the user view, in snapshot order (depth first through folded objects). */
export function userReferences(graph: HeapGraph, hops: Hops, node: number): UserLinks {
  const links: UserLink[] = [];
  const hidden: number[] = [];
  const seen = new Set<number>([node]);
  // Folded objects wait on a stack, never a recursion: how deep V8 nests them is not ours to bound.
  const walk = (from: number, path: number[]) => {
    const end = graph.firstEdge[from + 1];
    for (let edge = graph.firstEdge[from]; edge < end; edge++) {
      const to = graph.edgeTarget[edge];
      const cost = hops.cost(from, edge);
      // A closure reaches its module's scope like any Context, but the scope is an anchor: one box
      // for the module, not a box for each of its top-level variables (a picture pages wide).
      if (cost === STEP || (cost === FOLD && isModuleScope(graph, hops, to)))
        links.push({ other: to, rawEdges: [...path, edge] });
      else if (cost === FOLD && !seen.has(to) && seen.size < FOLD_LIMIT) {
        seen.add(to);
        pending.push({ from: to, path: [...path, edge] });
      } else if (cost !== FOLD && isHidden(graph, hops, edge)) hidden.push(to);
    }
  };
  const pending: { from: number; path: number[] }[] = [];
  walk(node, []);
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) walk(next.from, next.path);
  return { links, hidden: distinct(hidden) };
}

/** The scope of a module or classic script: the Context whose `previous` is the NativeContext. */
export function isModuleScope(graph: HeapGraph, hops: Hops, node: number): boolean {
  return hops.names.node(node) === NAME.context && isModuleContext(graph, hops.names, node);
}

/**
 * The anchor a picture draws as a box of its own, named in words, and does not grow past: a
 * module's scope, or an active timer (a Timeout still in a timer list, an Immediate) whose
 * callback is the anchor. Returns the callback's edge for a timer, 0 for a module, -1 otherwise.
 */
export function anchorBox(graph: HeapGraph, hops: Hops, node: number): number {
  const code = hops.names.node(node);
  if (code === NAME.timeout || code === NAME.immediate) return timerCallback(graph, hops.names, node);
  return isModuleScope(graph, hops, node) ? 0 : -1;
}

/** Who holds `node` in the user view: a visible holder, or one that reaches it through folded objects. */
export function userRetainers(graph: HeapGraph, hops: Hops, node: number): UserLinks {
  const { firstRetainer, retainerEdge, retainerSource } = graph.retainers();
  const links: UserLink[] = [];
  const hidden: number[] = [];
  if (isModuleScope(graph, hops, node)) return { links, hidden };
  const seen = new Set<number>([node]);
  const pending: { held: number; path: number[] }[] = [{ held: node, path: [] }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { held, path } = next;
    for (let slot = firstRetainer[held]; slot < firstRetainer[held + 1]; slot++) {
      const holder = retainerSource[slot];
      const edge = retainerEdge[slot];
      const cost = hops.cost(holder, edge);
      // A holder left out (--avoid, --ignore) holds nothing, as the search never enters it.
      if (cost === SKIP || hops.excluded?.[holder] === 1) continue;
      // The first hop may end at the object itself (STEP); a hop into a folded object must be FOLD.
      const allowed = held === node ? cost !== SKIP : cost === FOLD;
      if (!allowed) {
        if (isHidden(graph, hops, edge)) hidden.push(holder);
        continue;
      }
      const rawEdges = [edge, ...path];
      if (
        hops.isVisible(holder) ||
        graph.nodeType[holder] === graph.nodeTypes.synthetic ||
        isModuleScope(graph, hops, holder)
      )
        links.push({ other: holder, rawEdges });
      else if (!seen.has(holder) && seen.size < FOLD_LIMIT) {
        seen.add(holder);
        pending.push({ held: holder, path: rawEdges });
      }
    }
  }
  links.sort((a, b) => a.rawEdges[a.rawEdges.length - 1] - b.rawEdges[b.rawEdges.length - 1]);
  return { links, hidden: distinct(hidden) };
}

/** A hop the user view leaves out that a picture should count: not weak, not a root's. */
function isHidden(graph: HeapGraph, hops: Hops, edge: number): boolean {
  if (graph.edgeType[edge] === graph.edgeTypes.weak) return false;
  const from = graph.edgeSource(edge);
  const to = graph.edgeTarget[edge];
  const synthetic = graph.nodeTypes.synthetic;
  if (graph.nodeType[from] === synthetic || graph.nodeType[to] === synthetic) return false;
  return !hops.isVisible(to) || !hops.isVisible(from);
}

function distinct(ordinals: number[]): number[] {
  return [...new Set(ordinals)];
}

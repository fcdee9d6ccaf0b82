import { type RetainerChain, retainerChain } from '../analysis/chain.js';
import { computeDistances, type Distances } from '../analysis/distances.js';
import { computeDominators } from '../analysis/dominators.js';
import type { Dominators } from '../analysis/dominatorTypes.js';
import { type Destination, planOutputs } from '../output/destinations.js';
import type { OutputFormat, Renderers } from '../output/formats.js';
import { outputsOf, renderOutputs, writeOutputs } from '../output/outputSet.js';
import type { HeapGraph } from '../snapshot/heapGraph.js';
import { chainView } from '../view/chainView.js';
import { type ChainResult, chainObject } from '../view/json/chainJson.js';
import { backrefs, type NeighbourhoodOptions, refs } from '../view/neighbourhood.js';
import { neighbourhoodView } from '../view/neighbourhoodView.js';
import type { ChainView } from '../view/types.js';
import { userChain } from '../view/userChain.js';
import { checkObject, exclusive, objectIds, takeLiveSnapshot } from './inspectorSession.js';

export interface LiveChainOptions {
  /** Add retained sizes (a dominator tree of the whole heap: about doubles the time). @default false */
  retained?: boolean;
  /**
   * DevTools' exact chain alone. By default the answer is the user view's too (`anchor`, `steps`,
   * `accessPath`, as `heapdot chain` prints), and pictures draw user-level steps. @default false
   */
  raw?: boolean;
}

export interface LiveDrawOptions extends LiveChainOptions, Omit<NeighbourhoodOptions, 'retainedSize'> {
  /**
   * Where the answer goes: .dot, .svg, .png, .pdf (images need no system Graphviz, except PDF),
   * .txt, .md, .mmd or .json. Without one, the text form is printed on standard output.
   */
  filename?: string;
}

/**
 * Roots that hold what the running code holds: the stack (the caller's variables, and the
 * argument of the call that asks) and open handle scopes. A snapshot taken from inside always sees
 * the object there, because the caller is holding it to ask; that is not why it is alive.
 */
const CALLER_ROOTS = new Set(['(Stack roots)', '(Handle scope)']);
/** The strong root that holds the microtask running, when the snapshot is taken inside one. */
const STRONG_ROOTS = '(Strong roots)';
const CURRENT_MICROTASK = 'current_microtask';

interface LiveHeap {
  graph: HeapGraph;
  distances: Distances;
  target: number;
  chain: RetainerChain;
  dominators: Dominators | undefined;
}

/**
 * A snapshot of this process with `value` found in it, and the caller's own references set aside.
 *
 * The snapshot comes first (it gives every object its id), then the ids of `value` and of the
 * callback that waited for the snapshot: so the global slot and the remote handle that ask for an
 * id are not in the snapshot. Code may run between the two (timers, I/O: from Node 22 the snapshot
 * is taken in a task of its own), and that cannot change the answer: the answer is the snapshot,
 * one moment of the heap in which `value` is, since this call holds it; an object's id stays the
 * same while it lives, however the GC moves it, because heapdot/live keeps the heap profiler on.
 * The one thing that renumbers ids is another inspector session turning its heap profiler off: the
 * waiter's id must then name a closure by the waiter's name, or this takes a new snapshot.
 */
async function liveHeap(value: object, options: LiveChainOptions): Promise<LiveHeap> {
  checkObject(value);
  const { graph, target, callerHeld } = await exclusive(async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const { graph, waiter } = await takeLiveSnapshot();
      const [id, waiterId] = await objectIds([value, waiter]);
      graph.indexIds();
      const target = graph.ordinalOfId(id);
      const waiterOrdinal = graph.ordinalOfId(waiterId);
      const isWaiter =
        waiterOrdinal !== -1 &&
        graph.nodeType[waiterOrdinal] === graph.nodeTypes.closure &&
        graph.nodeNameOf(waiterOrdinal) === waiter.name;
      if (target !== -1 && isWaiter) return { target, ...setAsideCaller(graph, waiterOrdinal) };
    }
    throw new Error(
      'heapdot/live: V8 renumbered its object ids while heapdot/live asked (another inspector session turned its heap profiler off); ask again',
    );
  });
  const distances = computeDistances(graph);
  let chain = retainerChain(graph, distances, target);
  // Held by the caller's frames alone, directly or through other objects: weak-only, as an object
  // only the stack holds directly is.
  if (chain.kind === 'not-found' && chain.reason === 'unreachable' && reaches(graph, callerHeld, target))
    chain = { kind: 'not-found', reason: 'weak-only' };
  const dominators = options.retained ? computeDominators(graph) : undefined;
  return { graph, distances, target, chain, dominators };
}

/**
 * The graph with the caller's own references counted as weak, and what they point to. They are
 * the edges of the stack and handle scopes, and of the microtask that runs (the caller's frames
 * and resumed async function, when the snapshot is taken on the spot: Node 20), and of the
 * callback that waited for the snapshot (the suspended async functions that await it, when it is
 * taken later: Node 22 and later). The chain then does not go through them.
 */
function setAsideCaller(graph: HeapGraph, waiter: number): { graph: HeapGraph; callerHeld: Uint32Array } {
  const { firstEdge, edgeTarget } = graph;
  // A copy: the reader's arrays are never written (HeapGraph); the copy becomes a graph of its own.
  const setAsideTypes = graph.edgeType.slice();
  const weak = graph.edgeTypes.weak;
  const held: number[] = [];
  const setAside = (from: number, to: number) => {
    setAsideTypes.fill(weak, from, to);
    for (let e = from; e < to; e++) held.push(edgeTarget[e]);
  };
  setAside(firstEdge[waiter], firstEdge[waiter + 1]);
  const root = graph.rootOrdinal;
  for (let e = firstEdge[root]; e < firstEdge[root + 1]; e++) {
    const gcRoots = edgeTarget[e];
    if (graph.nodeNameOf(gcRoots) !== '(GC roots)') continue;
    for (let r = firstEdge[gcRoots]; r < firstEdge[gcRoots + 1]; r++) {
      const category = edgeTarget[r];
      const name = graph.nodeNameOf(category);
      if (CALLER_ROOTS.has(name)) setAside(firstEdge[category], firstEdge[category + 1]);
      if (name !== STRONG_ROOTS) continue;
      for (let c = firstEdge[category]; c < firstEdge[category + 1]; c++)
        if (graph.edgeName(c) === CURRENT_MICROTASK) setAside(c, c + 1);
    }
  }
  return { graph: graph.withEdgeTypes(setAsideTypes), callerHeld: Uint32Array.from(held) };
}

/** Whether a path of edges that are not weak leads from one of `starts` to `target`. */
function reaches(graph: HeapGraph, starts: Uint32Array, target: number): boolean {
  const { firstEdge, edgeTarget, edgeType } = graph;
  const weak = graph.edgeTypes.weak;
  const seen = new Uint8Array(graph.nodeCount);
  const queue = new Uint32Array(graph.nodeCount);
  let length = 0;
  for (const start of starts) {
    if (seen[start] === 1) continue;
    seen[start] = 1;
    queue[length++] = start;
  }
  for (let head = 0; head < length; head++) {
    const node = queue[head];
    if (node === target) return true;
    for (let edge = firstEdge[node]; edge < firstEdge[node + 1]; edge++) {
      const child = edgeTarget[edge];
      if (edgeType[edge] === weak || seen[child] === 1) continue;
      seen[child] = 1;
      queue[length++] = child;
    }
  }
  return false;
}

/**
 * Why is `value` alive? The shortest retainer chain from a GC root to it, in the JSON shape of
 * `heapdot chain --format json` (nodes[0] is the snapshot's root, edges[i] joins nodes[i] and
 * nodes[i + 1]); `found: false` with reason "weak-only" when only weak references and the
 * caller's own variables hold it (it would be collected once the caller lets go).
 */
export async function whyAlive(value: object, options: LiveChainOptions = {}): Promise<ChainResult> {
  return chainObject(liveChainView(await liveHeap(value, options), options));
}

/** objgraph's show_chain: the chain of whyAlive() as a picture or text; returns the file name or the text. */
export async function showChain(value: object, options: LiveDrawOptions = {}): Promise<string> {
  // The renderers load Graphviz's modules: only to draw, not into every snapshot a check takes.
  const { CHAIN_FORMATS, chainRenderers } = await import('../output/chainRenderers.js');
  const destinations = await planShow(options.filename, CHAIN_FORMATS);
  const view = liveChainView(await liveHeap(value, options), options);
  return show(destinations, chainRenderers(view), options.filename);
}

/** The chain of the live heap, and by default its user chain (`raw: true` leaves DevTools' alone). */
function liveChainView(heap: LiveHeap, options: LiveChainOptions): ChainView {
  const { graph, distances, target, chain, dominators } = heap;
  const view = chainView(graph, distances, target, chain, 'this process', dominators);
  if (!options.raw && view.found) view.user = userChain(graph, target, dominators);
  return view;
}

/** objgraph's show_backrefs: who holds `value`, to `maxDepth` levels (default 3). */
export function showBackrefs(value: object, options: LiveDrawOptions = {}): Promise<string> {
  return showNeighbourhood(value, 'backrefs', options);
}

/** objgraph's show_refs: what `value` holds, to `maxDepth` levels (default 3). */
export function showRefs(value: object, options: LiveDrawOptions = {}): Promise<string> {
  return showNeighbourhood(value, 'refs', options);
}

async function showNeighbourhood(
  value: object,
  kind: 'backrefs' | 'refs',
  options: LiveDrawOptions,
): Promise<string> {
  const { NEIGHBOURHOOD_FORMATS, neighbourhoodRenderers } = await import(
    '../output/neighbourhoodRenderers.js'
  );
  const destinations = await planShow(options.filename, NEIGHBOURHOOD_FORMATS);
  const { graph, distances, target, dominators } = await liveHeap(value, options);
  const grow = kind === 'backrefs' ? backrefs : refs;
  const model = grow(graph, distances, [target], { ...options, retainedSize: dominators?.retainedSize });
  const view = neighbourhoodView(graph, distances, model, kind, 'this process', dominators);
  return show(destinations, neighbourhoodRenderers(view), options.filename);
}

/** Where the answer goes, checked before the snapshot is taken: the file's form, or the text on standard output. */
function planShow(filename: string | undefined, formats: readonly OutputFormat[]): Promise<Destination[]> {
  return planOutputs({ outputs: filename === undefined ? undefined : [filename] }, formats);
}

/** Writes the answer through src/output (atomically) and returns the file name, or the text printed. */
async function show(
  destinations: Destination[],
  forms: Renderers,
  filename: string | undefined,
): Promise<string> {
  const made = await renderOutputs(outputsOf(destinations, forms));
  let printed = '';
  await writeOutputs(made, {
    stdout: (data) => {
      printed += String(data);
      process.stdout.write(data);
    },
  });
  return filename ?? printed;
}

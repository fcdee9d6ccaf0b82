import {
  backrefs,
  type ChainResult,
  chainResult,
  chainToDot,
  chainToJson,
  chainToMarkdown,
  chainToMermaid,
  chainToText,
  chainView,
  computeDistances,
  computeDominators,
  type Distances,
  type Dominators,
  formatFromPath,
  type HeapGraph,
  isImageFormat,
  type NeighbourhoodOptions,
  neighbourhoodToDot,
  neighbourhoodToJson,
  neighbourhoodToText,
  neighbourhoodView,
  refs,
  renderDot,
  retainerChain,
  writeFileAtomic,
} from '../index.js';
import { heapObjectId, snapshotThisProcess } from './inspectorSession.js';

export interface LiveChainOptions {
  /** Add retained sizes (a dominator tree of the whole heap: about doubles the time). @default false */
  retained?: boolean;
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

interface LiveHeap {
  graph: HeapGraph;
  distances: Distances;
  target: number;
  dominators: Dominators | undefined;
}

/**
 * A snapshot of this process with `value` found in it, and the caller's own references set aside:
 * the probe that finds its id runs after the snapshot, and the stack's and handle scopes'
 * edges are counted as weak (so the chain does not go through them).
 */
function liveHeap(value: object, options: LiveChainOptions): LiveHeap {
  // The snapshot first: it gives every object its id, and the probe that asks for the id comes after.
  const graph = snapshotThisProcess();
  const id = heapObjectId(value);
  setAsideCallerRoots(graph);
  graph.indexIds();
  const target = graph.ordinalOfId(id);
  if (target === -1) throw new Error(`heapdot/live: object @${id} is not in the snapshot`);
  const distances = computeDistances(graph);
  const dominators = options.retained ? computeDominators(graph) : undefined;
  return { graph, distances, target, dominators };
}

function setAsideCallerRoots(graph: HeapGraph): void {
  const { firstEdge, edgeTarget, edgeType } = graph;
  const weak = graph.edgeTypes.weak;
  const root = graph.rootOrdinal;
  for (let e = firstEdge[root]; e < firstEdge[root + 1]; e++) {
    const gcRoots = edgeTarget[e];
    if (graph.nodeNameOf(gcRoots) !== '(GC roots)') continue;
    for (let r = firstEdge[gcRoots]; r < firstEdge[gcRoots + 1]; r++) {
      const category = edgeTarget[r];
      if (!CALLER_ROOTS.has(graph.nodeNameOf(category))) continue;
      // This graph is this call's own copy: marking the edges weak changes nothing else.
      for (let c = firstEdge[category]; c < firstEdge[category + 1]; c++) edgeType[c] = weak;
    }
  }
}

/**
 * Why is `value` alive? The shortest retainer chain from a GC root to it, in the JSON shape of
 * `heapdot chain --format json` (nodes[0] is the snapshot's root, edges[i] joins nodes[i] and
 * nodes[i + 1]); `found: false` with reason "weak-only" when only weak references and the
 * caller's own variables hold it (it would be collected once the caller lets go).
 */
export function whyAlive(value: object, options: LiveChainOptions = {}): ChainResult {
  const { graph, distances, target, dominators } = liveHeap(value, options);
  return chainResult(graph, distances, target, retainerChain(graph, distances, target), dominators);
}

/** objgraph's show_chain: the chain of whyAlive() as a picture or text; returns the file name or the text. */
export async function showChain(value: object, options: LiveDrawOptions = {}): Promise<string> {
  const { graph, distances, target, dominators } = liveHeap(value, options);
  const view = chainView(
    graph,
    distances,
    target,
    retainerChain(graph, distances, target),
    'this process',
    dominators,
  );
  return show(options.filename, {
    text: () => chainToText(view),
    dot: () => chainToDot(view),
    markdown: () => chainToMarkdown(view),
    mermaid: () => chainToMermaid(view),
    json: () => chainToJson(view),
  });
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
  const { graph, distances, target, dominators } = liveHeap(value, options);
  const grow = kind === 'backrefs' ? backrefs : refs;
  const model = grow(graph, distances, [target], { ...options, retainedSize: dominators?.retainedSize });
  const view = neighbourhoodView(graph, distances, model, kind, 'this process', dominators);
  return show(options.filename, {
    text: () => neighbourhoodToText(view),
    dot: () => neighbourhoodToDot(view),
    json: () => neighbourhoodToJson(view),
  });
}

type Forms = { text: () => string; dot: () => string } & Partial<
  Record<'markdown' | 'mermaid' | 'json', () => string>
>;

/** Writes the form the file name asks for (atomically) and returns the name; without one, prints the text. */
async function show(filename: string | undefined, forms: Forms): Promise<string> {
  if (filename === undefined) {
    const text = forms.text();
    process.stdout.write(text);
    return text;
  }
  const format = formatFromPath(filename);
  if (format === undefined)
    throw new Error(`heapdot/live: cannot tell what to write from the name ${filename}`);
  if (isImageFormat(format)) {
    await writeFileAtomic(filename, await renderDot(forms.dot(), format));
    return filename;
  }
  const form = format === 'csv' ? undefined : forms[format];
  if (!form) throw new Error(`heapdot/live: this picture is not written as ${format} (${filename})`);
  await writeFileAtomic(filename, form());
  return filename;
}

import type { HeapGraph } from '../snapshot/heapGraph.js';
import { isUserRoot } from '../snapshot/userRoots.js';
import { byCount, type ClassStat, classStats } from './classStats.js';

export interface SnapshotInfo {
  file: string;
  /** Size of the file as stored, when known. */
  fileBytes?: number;
  jsonBytes: number;
  gzip: boolean;
  variant: {
    nodeFields: string[];
    edgeFields: string[];
    locationFields: string[];
    sections: string[];
    /** What the file's layout shows (node fields, location fields, extra sections), never a guess at who wrote it. */
    layout: string;
    allocationTraces: boolean;
  };
  nodeCount: number;
  edgeCount: number;
  stringCount: number;
  locationCount: number;
  totalSelfSize: number;
  extraNativeBytes?: number;
  userRoots: { id: number; name: string }[];
  /** The categories under `(GC roots)` (V8's `(Stack roots)`, ...), each with the objects it holds directly. */
  gcRoots: { name: string; objects: number }[];
  /** Objects `(GC roots)` holds directly, not through a category (Bun's snapshots have no categories). */
  gcRootObjects: number;
  topClasses: ClassStat[];
}

export interface InfoOptions {
  /** How many classes to list; @default 10 */
  classes?: number;
}

/** What `heapdot info` reports: the format variant, counts, roots and the most common classes. */
export function snapshotInfo(graph: HeapGraph, options: InfoOptions = {}): SnapshotInfo {
  const header = graph.header;
  let totalSelfSize = 0;
  for (let node = 0; node < graph.nodeCount; node++) totalSelfSize += graph.nodeSelfSize[node];
  const info: SnapshotInfo = {
    file: graph.file,
    jsonBytes: graph.input.jsonBytes,
    gzip: graph.input.gzip,
    variant: {
      nodeFields: header.nodeFields,
      edgeFields: header.edgeFields,
      locationFields: header.locationFields,
      sections: [...graph.sections],
      layout: layoutOf(graph),
      allocationTraces: graph.nodeTraceId !== undefined,
    },
    nodeCount: graph.nodeCount,
    edgeCount: graph.edgeCount,
    stringCount: graph.strings.count,
    locationCount: graph.locationCount,
    totalSelfSize,
    userRoots: userRoots(graph),
    ...gcRoots(graph),
    topClasses: classStats(graph)
      .sort(byCount)
      .slice(0, options.classes ?? 10),
  };
  if (graph.input.storedBytes !== undefined) info.fileBytes = graph.input.storedBytes;
  if (header.extraNativeBytes !== undefined) info.extraNativeBytes = header.extraNativeBytes;
  return info;
}

function layoutOf(graph: HeapGraph): string {
  const header = graph.header;
  const trace = header.nodeFields.includes('trace_node_id') ? 'with' : 'no';
  const parts = [`${header.nodeFields.length} node fields, ${trace} trace_node_id`];
  if (header.locationFields.includes('script_object_index')) parts.push('locations with script_object_index');
  const extra = graph.sections.filter((section) => !KNOWN_SECTIONS.has(section));
  if (extra.length > 0) parts.push(`extra sections: ${extra.join(', ')}`);
  return parts.join('; ');
}

const KNOWN_SECTIONS = new Set([
  'snapshot',
  'nodes',
  'edges',
  'trace_function_infos',
  'trace_tree',
  'samples',
  'locations',
  'strings',
]);

function userRoots(graph: HeapGraph): { id: number; name: string }[] {
  const roots: { id: number; name: string }[] = [];
  const root = graph.rootOrdinal;
  for (let edge = graph.firstEdge[root]; edge < graph.firstEdge[root + 1]; edge++) {
    const child = graph.edgeTarget[edge];
    if (isUserRoot(graph, child)) roots.push({ id: graph.nodeId[child], name: graph.nodeNameOf(child) });
  }
  return roots;
}

/**
 * What `(GC roots)` holds: its categories (synthetic nodes such as `(Stack roots)`), each with the
 * number of objects it holds directly, and the objects it holds with no category between.
 */
function gcRoots(graph: HeapGraph): Pick<SnapshotInfo, 'gcRoots' | 'gcRootObjects'> {
  const root = graph.rootOrdinal;
  const synthetic = graph.nodeTypes.synthetic;
  const categories: { name: string; objects: number }[] = [];
  let objects = 0;
  for (let edge = graph.firstEdge[root]; edge < graph.firstEdge[root + 1]; edge++) {
    const gcRoots = graph.edgeTarget[edge];
    if (graph.nodeType[gcRoots] !== synthetic || graph.nodeNameOf(gcRoots) !== '(GC roots)') continue;
    for (let e = graph.firstEdge[gcRoots]; e < graph.firstEdge[gcRoots + 1]; e++) {
      const held = graph.edgeTarget[e];
      if (graph.nodeType[held] !== synthetic) {
        objects++;
        continue;
      }
      categories.push({
        name: graph.nodeNameOf(held),
        objects: graph.firstEdge[held + 1] - graph.firstEdge[held],
      });
    }
  }
  return { gcRoots: categories, gcRootObjects: objects };
}

import type { HeapGraph } from '../snapshot/heapGraph.js';
import type { Dominators } from './dominatorTypes.js';
import { nameTest } from './nameTest.js';
import type { ListenersSuspect } from './suspectsTypes.js';

/**
 * Node's `setMaxListeners` smell: an EventEmitter event (a property of the emitter's `_events`)
 * whose listeners array holds more than `maxListeners` functions made from one source (the same
 * `script:line:column`, or the same name where the snapshot has no location). One suspect per
 * event, with its largest group of one source; largest count first.
 */
export function listenerSuspects(
  graph: HeapGraph,
  dominators: Dominators,
  maxListeners: number,
): ListenersSuspect[] {
  const isEvents = nameTest(graph, '_events');
  const isProto = nameTest(graph, '__proto__');
  const { property, element } = graph.edgeTypes;
  const { object, closure } = graph.nodeTypes;
  const suspects: ListenersSuspect[] = [];
  for (let node = 0; node < graph.nodeCount; node++) {
    if (graph.nodeType[node] !== object) continue;
    for (let edge = graph.firstEdge[node]; edge < graph.firstEdge[node + 1]; edge++) {
      if (graph.edgeType[edge] !== property || !isEvents(graph.edgeNameOrIndex[edge])) continue;
      const events = graph.edgeTarget[edge];
      for (let e = graph.firstEdge[events]; e < graph.firstEdge[events + 1]; e++) {
        if (graph.edgeType[e] !== property || isProto(graph.edgeNameOrIndex[e])) continue;
        const listeners = graph.edgeTarget[e];
        if (graph.nodeType[listeners] !== object) continue;
        const bySource = new Map<string, { count: number; listener: number }>();
        for (let l = graph.firstEdge[listeners]; l < graph.firstEdge[listeners + 1]; l++) {
          const fn = graph.edgeTarget[l];
          if (graph.edgeType[l] !== element || graph.nodeType[fn] !== closure) continue;
          const location = graph.location(fn);
          const key = location
            ? `${location.scriptId}:${location.line}:${location.column}`
            : `name:${graph.nodeNameOf(fn)}`;
          const group = bySource.get(key) ?? { count: 0, listener: fn };
          group.count++;
          bySource.set(key, group);
        }
        let best: { count: number; listener: number } | undefined;
        for (const group of bySource.values()) if (!best || group.count > best.count) best = group;
        if (!best || best.count <= maxListeners) continue;
        suspects.push({
          kind: 'listeners',
          node,
          event: String(graph.edgeName(e)),
          count: best.count,
          listener: best.listener,
          retainedSize: dominators.retainedSize[listeners],
        });
      }
    }
  }
  return suspects.sort(
    (a, b) =>
      b.count - a.count || b.retainedSize - a.retainedSize || graph.nodeId[a.node] - graph.nodeId[b.node],
  );
}

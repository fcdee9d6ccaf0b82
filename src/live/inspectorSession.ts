import { Session } from 'node:inspector';
import { type HeapGraph, SnapshotPushReader } from '../index.js';

/**
 * The current process's own inspector, used synchronously: a session on the main thread answers
 * each command before `post` returns, so heapdot/live can ask "why is this alive?" without
 * yielding to the event loop (nothing can change the heap between the question and the snapshot).
 */

interface EvaluateResult {
  result: { type: string; objectId?: string };
}

const PROBE = Symbol.for('heapdot.live.probe');
const PROBE_EXPRESSION = 'globalThis[Symbol.for("heapdot.live.probe")]';
const OBJECT_GROUP = 'heapdot.live';

function post<T>(session: Session, method: string, params: object = {}): T {
  let answered = false;
  let failure: Error | null = null;
  let answer: unknown;
  session.post(method, params, (error, result) => {
    answered = true;
    failure = error;
    answer = result;
  });
  if (!answered)
    throw new Error(`heapdot/live: the inspector did not answer ${method} at once (not the main thread?)`);
  if (failure) throw failure;
  return answer as T;
}

let shared: Session | undefined;

/**
 * One session for the life of the process, with the heap profiler on: V8 forgets every object id
 * when the profiler is turned off (a session's end turns it off), and ids must stay the same from
 * one call to the next (getNewIds, and @ids to follow in later snapshots).
 */
function session(): Session {
  if (!shared) {
    shared = new Session();
    shared.connect();
    post(shared, 'HeapProfiler.enable');
  }
  return shared;
}

/**
 * The heap snapshot id of `value` (the `@id` DevTools shows). V8 gives objects ids when a snapshot
 * walks the heap: an object made since the last one costs a snapshot first. The object is reached
 * through a global slot and a remote handle, both gone before this returns.
 */
export function heapObjectId(value: object): number {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null)
    throw new TypeError(
      `heapdot/live: ids are for objects and functions, not ${value === null ? 'null' : typeof value}`,
    );
  const inspector = session();
  const slots = globalThis as unknown as Record<symbol, unknown>;
  slots[PROBE] = value;
  try {
    const handle = post<EvaluateResult>(inspector, 'Runtime.evaluate', {
      expression: PROBE_EXPRESSION,
      objectGroup: OBJECT_GROUP,
    });
    const objectId = handle.result.objectId;
    if (objectId === undefined) throw new Error('heapdot/live: the inspector gave no handle for the object');
    const idOf = () =>
      Number(
        post<{ heapSnapshotObjectId: string }>(inspector, 'HeapProfiler.getHeapObjectId', { objectId })
          .heapSnapshotObjectId,
      );
    const id = idOf();
    if (id !== 0) return id;
    // V8 gives ids as a snapshot walks the heap (tracking would too, but stopping it would end
    // allocation tracking the process may have on): one snapshot, thrown away, then ask again.
    takeSnapshot(inspector, () => undefined);
    return idOf();
  } finally {
    delete slots[PROBE];
    post(inspector, 'Runtime.releaseObjectGroup', { objectGroup: OBJECT_GROUP });
  }
}

/**
 * A snapshot of this process, read as V8 writes it: each chunk goes straight into the reader,
 * so the snapshot's text is never held whole, and no file is written. V8 collects garbage first.
 */
export function snapshotThisProcess(name = 'this process'): HeapGraph {
  const reader = new SnapshotPushReader(name);
  takeSnapshot(session(), (chunk) => reader.push(chunk));
  return reader.finish();
}

function takeSnapshot(inspector: Session, onChunk: (chunk: string) => void): void {
  const listener = (message: { params: { chunk: string } }) => onChunk(message.params.chunk);
  inspector.on('HeapProfiler.addHeapSnapshotChunk', listener);
  try {
    post(inspector, 'HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    inspector.off('HeapProfiler.addHeapSnapshotChunk', listener);
  }
}

import { closeSync, openSync, writeSync } from 'node:fs';
import { Session } from 'node:inspector';
// Each module on its own, not the library's index: what a process loads, every snapshot walks.
import type { HeapGraph } from '../snapshot/heapGraph.js';
import { SnapshotPushReader } from '../snapshot/pushReader.js';

/**
 * The current process's own inspector. Every command is awaited: Node 20 answers on the spot, but
 * from Node 22 V8 takes a heap snapshot in a task of its own (with no JavaScript on the stack), so
 * the answer comes after `post` has returned.
 */

interface EvaluateResult {
  result: { type: string; objectId?: string };
  /** Set when the expression threw: `result` is then the exception, not the value asked for. */
  exceptionDetails?: object;
}

const PROBE = Symbol.for('heapdot.live.probe');
/**
 * The global object of Node's own realm, where Runtime.evaluate runs. It is not always this
 * module's: jest runs test files, and heapdot/live with them, in a vm context of their own, whose
 * globalThis the inspector's expression does not see (it found nothing there, and the id it gave
 * was of the error it threw). The inspector's classes are Node's, so their Function is that realm's.
 */
function inspectorGlobal(): Record<symbol, unknown> {
  if (nodeGlobal === undefined) {
    try {
      nodeGlobal = (Session.constructor as FunctionConstructor)('return globalThis')();
    } catch {
      // --disallow-code-generation-from-strings: this realm's, which is Node's own outside jest.
      nodeGlobal = globalThis as unknown as Record<symbol, unknown>;
    }
  }
  return nodeGlobal as Record<symbol, unknown>;
}
let nodeGlobal: Record<symbol, unknown> | undefined;
const PROBE_EXPRESSION = 'globalThis[Symbol.for("heapdot.live.probe")]';
const OBJECT_GROUP = 'heapdot.live';

/** A callback the inspector calls with its answer to one command. */
type Answer = (error: Error | null, result?: object) => void;

function post<T>(session: Session, method: string, params: object = {}): Promise<T> {
  return new Promise<T>((resolve, reject) =>
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))),
  );
}

let shared: { session: Session; enabled: Promise<unknown> } | undefined;

/**
 * One session for the life of the process, with the heap profiler on: V8 forgets every object id
 * when the profiler is turned off (a session's end turns it off), and ids must stay the same from
 * one call to the next (getNewIds, and @ids to follow in later snapshots).
 */
async function session(): Promise<Session> {
  if (!shared) {
    const session = new Session();
    session.connect();
    shared = { session, enabled: post(session, 'HeapProfiler.enable') };
  }
  await shared.enabled;
  return shared.session;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `task` after every earlier one has ended: two snapshots on one session would mix their
 * chunks, and two id lookups would share the global slot.
 */
export function exclusive<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task);
  // A failed task does not stop the ones after it.
  queue = run.catch(() => undefined);
  return run;
}

/**
 * The heap snapshot id of `value` (the `@id` DevTools shows). V8 gives objects ids when a snapshot
 * walks the heap: an object made since the last one costs a snapshot first. The object is reached
 * through a global slot and a remote handle, both gone before any snapshot is taken.
 */
export function heapObjectId(value: object): Promise<number> {
  checkObject(value);
  return exclusive(async () => {
    const [id] = await objectIds([value]);
    if (id !== 0) return id;
    // V8 gives ids as a snapshot walks the heap (tracking would too, but stopping it would end
    // allocation tracking the process may have on): one snapshot, thrown away, then ask again.
    await takeSnapshot(await session(), () => undefined);
    const [given] = await objectIds([value]);
    return given;
  });
}

export function checkObject(value: unknown): asserts value is object {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null)
    throw new TypeError(
      `heapdot/live: ids are for objects and functions, not ${value === null ? 'null' : typeof value}`,
    );
}

/**
 * The ids V8 has given `values` (0 for one made since the last snapshot), asked through a global
 * slot and remote handles that are gone again when this returns. Run it inside `exclusive`.
 */
export async function objectIds(values: readonly object[]): Promise<number[]> {
  const inspector = await session();
  const slots = inspectorGlobal();
  slots[PROBE] = values;
  try {
    const ids: number[] = [];
    for (let i = 0; i < values.length; i++) {
      const handle = await post<EvaluateResult>(inspector, 'Runtime.evaluate', {
        expression: `${PROBE_EXPRESSION}[${i}]`,
        objectGroup: OBJECT_GROUP,
      });
      const objectId = handle.result.objectId;
      if (objectId === undefined || handle.exceptionDetails !== undefined)
        throw new Error('heapdot/live: the inspector gave no handle for the object');
      const answer = await post<{ heapSnapshotObjectId: string }>(inspector, 'HeapProfiler.getHeapObjectId', {
        objectId,
      });
      ids.push(Number(answer.heapSnapshotObjectId));
    }
    return ids;
  } finally {
    delete slots[PROBE];
    await post(inspector, 'Runtime.releaseObjectGroup', { objectGroup: OBJECT_GROUP });
  }
}

/** A snapshot of this process, and the callback that waited for it (see `takeSnapshot`). */
export interface LiveSnapshot {
  graph: HeapGraph;
  waiter: Answer;
}

/**
 * A snapshot of this process, read as V8 writes it: each chunk goes straight into the reader,
 * so the snapshot's text is never held whole, and no file is written. V8 collects garbage first.
 */
export async function snapshotThisProcess(name = 'this process'): Promise<HeapGraph> {
  return (await exclusive(() => takeLiveSnapshot(name))).graph;
}

/** snapshotThisProcess, with the waiter. Run it inside `exclusive`. */
export async function takeLiveSnapshot(name = 'this process'): Promise<LiveSnapshot> {
  // Made at the first chunk, once V8 has walked the heap: the reader's buffers are not in the snapshot.
  let reader: SnapshotPushReader | undefined;
  const waiter = await takeSnapshot(await session(), (chunk) => {
    reader ??= new SnapshotPushReader(name);
    reader.push(chunk);
  });
  return { graph: (reader ?? new SnapshotPushReader(name)).finish(), waiter };
}

/**
 * A snapshot of this process written to `file` as V8 writes it: nothing of it stays in memory, so
 * a later snapshot sees the heap as the caller left it, and two taken this way run the same code.
 * Run it inside `exclusive`.
 */
export async function writeLiveSnapshot(file: string): Promise<void> {
  const fd = openSync(file, 'w');
  try {
    // The first write of a process compiles fs's code: before the snapshot, not between two.
    writeSync(fd, '');
    await takeSnapshot(await session(), (chunk) => writeSync(fd, chunk));
  } finally {
    closeSync(fd);
  }
}

let snapshotsTaken = 0;

/** How many snapshots heapdot/live has taken in this process: what a check costs, for its tests. */
export function snapshotCount(): number {
  return snapshotsTaken;
}

/**
 * Takes a snapshot and hands each chunk to `onChunk`; returns the callback that received V8's
 * answer. While the snapshot is taken, that callback is what holds every caller waiting for it
 * (its promise, and through the promise's reactions the suspended async functions and their
 * variables), unless they are still on the stack (Node 20): whyAlive sets both aside.
 */
async function takeSnapshot(inspector: Session, onChunk: (chunk: string) => void): Promise<Answer> {
  snapshotsTaken++;
  // V8 finds each closure's line by scanning its script's source unless the script's line ends are
  // known: on a 9 MB script that is minutes per snapshot. The debugger computes them all once.
  await post(inspector, 'Debugger.enable');
  await post(inspector, 'Debugger.disable');
  let failure: unknown;
  const listener = (message: { params: { chunk: string } }) => {
    if (failure !== undefined) return;
    try {
      onChunk(message.params.chunk);
    } catch (error) {
      // The inspector's event must not throw; the answer reports it.
      failure = error;
    }
  };
  inspector.on('HeapProfiler.addHeapSnapshotChunk', listener);
  let waiter: Answer | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      // Declared, so that the snapshot names the closure as `name` does (whyAlive checks it).
      function heapdotSnapshotTaken(error: Error | null): void {
        if (error) reject(error);
        else resolve();
      }
      waiter = heapdotSnapshotTaken;
      inspector.post('HeapProfiler.takeHeapSnapshot', { reportProgress: false }, waiter);
    });
  } finally {
    inspector.off('HeapProfiler.addHeapSnapshotChunk', listener);
  }
  if (failure !== undefined) throw failure;
  return waiter as Answer;
}

/** A full garbage collection, through the inspector: no --expose-gc needed. */
export function collectGarbage(): Promise<void> {
  return exclusive(async () => {
    await post(await session(), 'HeapProfiler.collectGarbage');
  });
}

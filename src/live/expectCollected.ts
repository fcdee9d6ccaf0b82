import { AssertionError } from 'node:assert';
import { setImmediate as nextTask } from 'node:timers/promises';
import { retainerChain } from '../analysis/chain.js';
import { computeDistances } from '../analysis/distances.js';
import { formatFromPath, isImageFormat, writeFileAtomic } from '../output/writeOutput.js';
import { chainToText } from '../render/text/chainText.js';
import { chainView } from '../view/chainView.js';
import type { ChainView } from '../view/types.js';
import { userChain, userView } from '../view/userChain.js';
import { collectGarbage, exclusive, objectIds, takeLiveSnapshot } from './inspectorSession.js';
import { whyAlive } from './whyAlive.js';

/** What expectCollected checks: the object, a WeakRef to it, or a function that returns it (any function is called: to check a closure itself, pass a WeakRef to it). */
export type CollectedTarget = object | WeakRef<object> | (() => object | undefined);

export interface ExpectCollectedOptions {
  /** Also draw the chain of an object that is still alive there (.png, .svg, .dot) and name it in the message. */
  picture?: string;
  /** Words to start the message with. @default 'expected the object to be collected' */
  message?: string;
}

/**
 * Fails (AssertionError) when `target` is still alive after a full garbage collection for any
 * reason other than the caller's own variables: the message is its user chain, as `heapdot chain`
 * prints it. A WeakRef whose object was collected costs no snapshot; an object nothing else holds
 * costs one (whyAlive's, which sets the caller's frames aside); a failure one more for the chain.
 */
export async function expectCollected(
  target: CollectedTarget,
  options: ExpectCollectedOptions = {},
): Promise<void> {
  let value = await resolveTarget(target);
  if (value === undefined) return;
  const verdict = await whyAlive(value);
  if (!verdict.found) return;
  const view = await describeChain(value);
  value = undefined;
  let message = `${options.message ?? 'expected the object to be collected'}, but it is still alive:\n${chainToText(view)}`;
  if (options.picture !== undefined) message += `(drawn in ${await draw(options.picture, view)})\n`;
  throw new AssertionError({ message, operator: 'fail' });
}

/** The object, after a collection when only a WeakRef names it; undefined once it was collected. */
async function resolveTarget(target: CollectedTarget): Promise<object | undefined> {
  if (target instanceof WeakRef) {
    // deref() keeps its object alive to the end of the task that called it: collect in a later one.
    await nextTask();
    await collectGarbage();
    return target.deref();
  }
  if (
    typeof target === 'function' &&
    target.length === 0 &&
    !/^class\b/.test(Function.prototype.toString.call(target))
  ) {
    await collectGarbage();
    return (target as () => object | undefined)();
  }
  return target;
}

/** The chain of `value` in a new snapshot, with its user chain. */
async function describeChain(value: object): Promise<ChainView> {
  const { graph, id } = await exclusive(async () => {
    const { graph } = await takeLiveSnapshot();
    const [id] = await objectIds([value]);
    return { graph, id };
  });
  graph.indexIds();
  const node = graph.ordinalOfId(id);
  const distances = computeDistances(graph);
  const view = chainView(graph, distances, node, retainerChain(graph, distances, node), 'this process');
  const user = userChain(graph, node, undefined, userView(graph, { target: node }));
  if (user) view.user = user;
  return view;
}

/** Loaded only to draw: Graphviz's modules would otherwise be in every snapshot a check takes. */
async function draw(file: string, view: ChainView): Promise<string> {
  const { chainToDot } = await import('../render/dot/chainDot.js');
  const { renderDot } = await import('../output/image.js');
  const dot = chainToDot(view);
  const format = formatFromPath(file);
  if (format === 'dot') await writeFileAtomic(file, dot);
  else if (format !== undefined && isImageFormat(format))
    await writeFileAtomic(file, await renderDot(dot, format));
  else throw new TypeError(`heapdot/live: expectCollected draws .png, .svg, .pdf or .dot, not ${file}`);
  return file;
}

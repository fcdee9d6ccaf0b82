/**
 * heapdot/live: objgraph's in-process style for V8. Hold the suspicious object and ask why it is
 * alive; count classes and their growth between calls. Every function is async (from Node 22 V8
 * answers with the snapshot in a later task), and calls made together run one after another. Each
 * call takes a full heap snapshot of this process (V8 pauses it while it walks the heap: about a
 * second per 100 MB of heap), so these are debugging tools, not something to leave in a hot path.
 */
export { isChainFound } from '../view/types.js';
export {
  type CollectedTarget,
  type ExpectCollectedOptions,
  expectCollected,
} from './expectCollected.js';
export { expectNoGrowth, type NoGrowthOptions } from './expectNoGrowth.js';
export { collectGarbage, heapObjectId, snapshotThisProcess } from './inspectorSession.js';
export { type LiveSuspectsOptions, suspects } from './suspects.js';
export {
  type GrowthRow,
  getNewIds,
  growth,
  mostCommonTypes,
  type NewIdsOptions,
  showGrowth,
  showMostCommonTypes,
  type TypeCountOptions,
} from './typeCounts.js';
export {
  type LiveChainOptions,
  type LiveDrawOptions,
  showBackrefs,
  showChain,
  showRefs,
  whyAlive,
} from './whyAlive.js';

/** heapdot's library API: the CLI is a thin client of these. */
export { type RetainerChain, retainerChain } from './analysis/chain.js';
export { type ClassCount, classCounts } from './analysis/classCounts.js';
export { chainResult, chainView, edgeSummary, nodeSummary, nodeView } from './analysis/describe.js';
export {
  computeDistances,
  type Distances,
  distanceOf,
  NO_DISTANCE,
  rootKindOf,
  SYSTEM_DISTANCE_BASE,
} from './analysis/distances.js';
export { type SnapshotInfo, snapshotInfo } from './analysis/info.js';
export { type Selection, selectTarget } from './analysis/selectTarget.js';
export {
  matchTarget,
  type Pick,
  parseTarget,
  sortNearest,
  type TargetSpec,
  TargetSyntaxError,
} from './analysis/targets.js';
export type * from './analysis/types.js';
export { isSnapshotFormatError, type SnapshotErrorCode, SnapshotFormatError } from './snapshot/errors.js';
export { HeapGraph, type NodeLocation, type RetainerIndex } from './snapshot/heapGraph.js';
export { type ReadOptions, type ReadProgress, readSnapshot } from './snapshot/readSnapshot.js';
export type { SnapshotSource } from './snapshot/source.js';

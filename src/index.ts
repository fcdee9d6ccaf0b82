/** heapdot's library API: the CLI is a thin client of these. */

export { allocationSites } from './analysis/allocationSites.js';
export {
  type AllocationSite,
  type AllocationSites,
  type AllocationSitesOptions,
  SITES_DEFAULTS,
  type SiteClass,
  type SiteOrder,
  type SiteTotals,
  type SiteView,
} from './analysis/allocationSiteTypes.js';
export { type RetainerChain, retainerChain } from './analysis/chain.js';
export { mergeChains, shortestChains } from './analysis/chainPaths.js';
export { byCount, type ClassStat, classKeys, classStats } from './analysis/classStats.js';
export {
  chainResult,
  chainView,
  edgeSummary,
  neighbourhoodView,
  nodeSummary,
  nodeView,
} from './analysis/describe.js';
export { displayName } from './analysis/displayName.js';
export {
  computeDistances,
  type Distances,
  type DistancesOptions,
  distanceOf,
  NO_DISTANCE,
  rootKindOf,
  SYSTEM_DISTANCE_BASE,
} from './analysis/distances.js';
export { computeDominators, dominatorChain, dominatorTree } from './analysis/dominators.js';
export { type DominatorsViewOptions, dominatorsView } from './analysis/dominatorsView.js';
export type {
  AnalysisProgress,
  Dominators,
  DominatorsOptions,
  DominatorTree,
} from './analysis/dominatorTypes.js';
export { type ClassGroup, groupByClass } from './analysis/groupByClass.js';
export { groupRetainedSizes } from './analysis/groupRetainedSizes.js';
export { checkIds, type IdCheck, type IdClasses } from './analysis/idCheck.js';
export { hasId, sortedIds } from './analysis/idSets.js';
export { type SnapshotInfo, snapshotInfo } from './analysis/info.js';
export { allocatedBetween, stillAlive } from './analysis/leaks.js';
export {
  backrefs,
  NEIGHBOURHOOD_DEFAULTS,
  type Neighbourhood,
  type NeighbourhoodOptions,
  refs,
  type UserViewSummary,
} from './analysis/neighbourhood.js';
export { pathsTree } from './analysis/pathsTree.js';
export {
  PATHS_DEFAULTS,
  type PathsNodeKind,
  type PathsTree,
  type PathsTreeNode,
  type PathsTreeOptions,
} from './analysis/pathsTypes.js';
export { type Selection, selectTarget } from './analysis/selectTarget.js';
export { editDistance, similarNames } from './analysis/similarNames.js';
export {
  type ClassDiff,
  type DiffSide,
  diffSide,
  diffSnapshots,
  newObjectIds,
  type SnapshotDiff,
} from './analysis/snapshotDiff.js';
export {
  matchTarget,
  type Pick,
  parseTarget,
  sortNearest,
  type TargetSpec,
  TargetSyntaxError,
} from './analysis/targets.js';
export { treemapModel } from './analysis/treemapModel.js';
export {
  TREEMAP_DEFAULTS,
  type TreemapItem,
  type TreemapModel,
  type TreemapOptions,
} from './analysis/treemapTypes.js';
export { trend } from './analysis/trend.js';
export {
  TREND_DEFAULTS,
  type TrendClass,
  type TrendMetric,
  type TrendModel,
  type TrendOptions,
  type TrendSnapshot,
} from './analysis/trendTypes.js';
export type * from './analysis/types.js';
export {
  type CapturedFile,
  type CaptureOptions,
  type CaptureProgress,
  type CaptureResult,
  captureProcess,
} from './capture/captureProcess.js';
export {
  captureProgram,
  type ProgramCapture,
  type ProgramCaptureEvent,
  type ProgramCaptureOptions,
  type ProgramCaptureResult,
  type SnapshotReason,
} from './capture/captureProgram.js';
export { CaptureError, type CaptureErrorCode, isCaptureError } from './capture/errors.js';
export { CHAIN_MAX_NODES, type ChainDotOptions, chainToDot } from './render/chainDot.js';
export { chainToJson } from './render/chainJson.js';
export { chainToMarkdown } from './render/chainMarkdown.js';
export { chainToMermaid } from './render/chainMermaid.js';
export { type ChainTextOptions, chainToText } from './render/chainText.js';
export { csvField, csvRow } from './render/csv.js';
export { diffToCsv, diffToJson, diffToText } from './render/diffOutput.js';
export { dominatorsToDot } from './render/dominatorsDot.js';
export { dominatorsToJson } from './render/dominatorsJson.js';
export { dominatorsToText } from './render/dominatorsText.js';
export { isRenderError, RenderError } from './render/errors.js';
export { findDotOnPath } from './render/findDot.js';
export { formatBytes } from './render/formatBytes.js';
export { COMPARABLE_SERIES_HINT, idCheckText } from './render/idCheckText.js';
export { type RenderDotOptions, renderDot, svgToPng } from './render/image.js';
export { infoToText } from './render/infoText.js';
export { matchesToText } from './render/matchesText.js';
export { neighbourhoodToDot } from './render/neighbourhoodDot.js';
export { neighbourhoodToJson } from './render/neighbourhoodJson.js';
export { neighbourhoodToText } from './render/neighbourhoodText.js';
export { NOT_FOUND_NOTES, notFoundNote } from './render/notFound.js';
export { countPenwidth, pathsToDot } from './render/pathsDot.js';
export { type PathsNodeJson, pathsObject, pathsToJson } from './render/pathsJson.js';
export { type PathsTextOptions, pathsToText } from './render/pathsText.js';
export { planRender } from './render/renderPlan.js';
export {
  NO_FRAME_LABEL,
  scriptText,
  sitesToCsv,
  sitesToJson,
  sitesToText,
  UNTRACED_LABEL,
} from './render/sitesOutput.js';
export { treemapToJson } from './render/treemapJson.js';
export {
  TREEMAP_SIZE,
  type TreemapBox,
  type TreemapLayoutOptions,
  type TreemapPicture,
  treemapLayout,
} from './render/treemapLayout.js';
export { type TreemapSvgOptions, treemapToSvg } from './render/treemapSvg.js';
export { type TreemapTextOptions, treemapToText } from './render/treemapText.js';
export { trendToCsv } from './render/trendCsv.js';
export { trendToJson } from './render/trendJson.js';
export { TREND_CHART_SIZE, TREND_PALETTE, type TrendSvgOptions, trendToSvg } from './render/trendSvg.js';
export { type TrendTextOptions, trendToText } from './render/trendText.js';
export type { ImageFormat, OutputFormat } from './render/types.js';
export { typesToCsv, typesToJson, typesToText } from './render/typesOutput.js';
export {
  checkWritable,
  checkWritableFolder,
  formatFromPath,
  isImageFormat,
  refuseProtected,
  writeFileAtomic,
} from './render/writeOutput.js';
export { type AllocationFrame, AllocationTraces } from './snapshot/allocationTraces.js';
export { detachedNodes } from './snapshot/domState.js';
export { isSnapshotFormatError, type SnapshotErrorCode, SnapshotFormatError } from './snapshot/errors.js';
export { HeapGraph, type NodeLocation, type RetainerIndex } from './snapshot/heapGraph.js';
export { formatPropertyName, type InterfaceDefinition, InterfaceNames } from './snapshot/interfaceNames.js';
export { SnapshotPushReader } from './snapshot/pushReader.js';
export { type ReadOptions, type ReadProgress, readSnapshot } from './snapshot/readSnapshot.js';
export { shallowSizes } from './snapshot/shallowSizes.js';
export type { SnapshotSource } from './snapshot/source.js';
export type { AnchorKind, UserAnchor, UserChain, UserStep } from './view/types.js';
export { userChain } from './view/userChain.js';

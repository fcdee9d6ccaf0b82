/** heapdot's library API: the CLI is a thin client of these. */

export { allocationSiteGrowth, type NamedSites } from './analysis/allocationSiteGrowth.js';
export { allocationSites } from './analysis/allocationSites.js';
export {
  type AllocationSite,
  type AllocationSiteGrowth,
  type AllocationSites,
  type AllocationSitesGrowth,
  type AllocationSitesOptions,
  type GrowthTotals,
  SITES_DEFAULTS,
  type SiteClass,
  type SiteClassGrowth,
  type SiteGrowthOptions,
  type SiteGrowthOrder,
  type SiteGrowthTotals,
  type SiteOrder,
  type SiteTotals,
  type SiteView,
} from './analysis/allocationSiteTypes.js';
export { type RetainerChain, retainerChain } from './analysis/chain.js';
export { mergeChains, shortestChains } from './analysis/chainPaths.js';
export {
  type CheckRule,
  type CheckRuleKind,
  type ClassPattern,
  type EvaluateOptions,
  evaluateRules,
  needsIds,
  type RuleOutcome,
} from './analysis/checkRules.js';
export {
  type ClassDiffOrder,
  type ClassStatOrder,
  sortClassDiffs,
  sortClassStats,
} from './analysis/classOrder.js';
export { byCount, type ClassStat, classKeys, classStats } from './analysis/classStats.js';
// Suspects (issue 19): what grows, what holds too much, what is duplicated.
export { type CollectionEntries, collectionEntries } from './analysis/collectionEntries.js';
export { type DetachedTree, detachedTrees } from './analysis/detachedTrees.js';
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
export type {
  AnalysisProgress,
  Dominators,
  DominatorsOptions,
  DominatorTree,
} from './analysis/dominatorTypes.js';
export { edgeSummary } from './analysis/edgeSummary.js';
export { type ClassGroup, groupByClass } from './analysis/groupByClass.js';
export { groupRetainedSizes } from './analysis/groupRetainedSizes.js';
export { type GrowthCandidate, GrowthTracker } from './analysis/growthTracker.js';
export { checkIds, type IdCheck, type IdClasses } from './analysis/idCheck.js';
export { hasId, sortedIds } from './analysis/idSets.js';
export { type SnapshotInfo, snapshotInfo } from './analysis/info.js';
export { isV8InternalClass } from './analysis/internalClasses.js';
export { allocatedBetween, stillAlive } from './analysis/leaks.js';
export type { Neighbourhood, UserViewSummary } from './analysis/neighbourhoodTypes.js';
export { pathsTree } from './analysis/pathsTree.js';
export {
  PATHS_DEFAULTS,
  type PathsNodeKind,
  type PathsTree,
  type PathsTreeNode,
  type PathsTreeOptions,
} from './analysis/pathsTypes.js';
export { PLAIN_GLOBALS } from './analysis/plainGlobals.js';
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
export { type LastSnapshot, SuspectSeries } from './analysis/suspectSeries.js';
export {
  type CollectionKind,
  SUSPECT_KINDS,
  SUSPECTS_DEFAULTS,
  type Suspect,
  type SuspectKind,
  type SuspectsModel,
  type SuspectsOptions,
} from './analysis/suspectsTypes.js';
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
  type AttachedCaptureOptions,
  captureAttachedPage,
  capturePage,
  type PageCaptureOptions,
  type PageCaptureResult,
  PageChoiceError,
  type PageListing,
} from './capture/browserCapture.js';
export { type BrowserExecutableOptions, findBrowserExecutable } from './capture/browserExecutable.js';
export type { BrowserCaptureProgress, BrowserProgress } from './capture/browserSession.js';
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
export { type LoadedScenario, loadScenario, type Scenario } from './capture/scenario.js';
export {
  captureScenario,
  SCENARIO_SNAPSHOTS,
  type ScenarioCaptureOptions,
  type ScenarioCaptureResult,
} from './capture/scenarioCapture.js';
export { CHAIN_FORMATS, chainRenderers } from './output/chainRenderers.js';
export { type Destination, type OutputRequest, planFolder, planOutputs } from './output/destinations.js';
export { detachedRenderers } from './output/detachedRenderers.js';
export { dominatorsRenderers } from './output/dominatorsRenderers.js';
export { isRenderError, RenderError, type RenderErrorCode } from './output/errors.js';
export { findDotOnPath } from './output/findDot.js';
export type { ImageFormat, OutputFormat, RenderContext, Renderers } from './output/formats.js';
export { type RenderDotOptions, renderDot, svgToPng } from './output/image.js';
export { leakPictureOutputs, leaksRenderers } from './output/leaksRenderers.js';
export { NEIGHBOURHOOD_FORMATS, neighbourhoodRenderers } from './output/neighbourhoodRenderers.js';
export {
  type FolderPicture,
  type MadeOutput,
  type Output,
  outputsOf,
  pictureOutputs,
  type RenderOutputsOptions,
  renderOutputs,
  type WriteOutputsOptions,
  writeOutputs,
} from './output/outputSet.js';
export { planRender } from './output/renderPlan.js';
export { suspectPictureOutputs, suspectsRenderers } from './output/suspectsRenderers.js';
export {
  checkWritable,
  checkWritableFolder,
  type FileContent,
  formatFromPath,
  isImageFormat,
  refuseProtected,
  writeFileAtomic,
  writeFilesAtomic,
} from './output/writeOutput.js';
export { CHAIN_MAX_NODES, type ChainDotOptions, chainToDot } from './render/dot/chainDot.js';
export { dominatorsToDot } from './render/dot/dominatorsDot.js';
export { neighbourhoodToDot } from './render/dot/neighbourhoodDot.js';
export { countPenwidth, pathsToDot } from './render/dot/pathsDot.js';
export { formatBytes } from './render/formatBytes.js';
export { type TreemapSvgOptions, treemapToSvg } from './render/svg/treemapSvg.js';
export { TREND_CHART_SIZE, TREND_PALETTE, type TrendSvgOptions, trendToSvg } from './render/svg/trendSvg.js';
export { chainToMarkdown } from './render/text/chainMarkdown.js';
export { chainToMermaid } from './render/text/chainMermaid.js';
export { type ChainTextOptions, chainToText } from './render/text/chainText.js';
export {
  checkSummary,
  checkToJunit,
  checkToMarkdown,
  checkToText,
  exampleWords,
  outcomeText,
  ruleText,
} from './render/text/checkText.js';
export { csvField, csvRow } from './render/text/csv.js';
export { diffToCsv, diffToJson, diffToText } from './render/text/diffText.js';
export { dominatorsToText } from './render/text/dominatorsText.js';
export { COMPARABLE_SERIES_HINT, idCheckText } from './render/text/idCheckText.js';
export { idsToJson, idsToText } from './render/text/idsText.js';
export { infoToText } from './render/text/infoText.js';
export { matchesToText } from './render/text/matchesText.js';
export { neighbourhoodToText } from './render/text/neighbourhoodText.js';
export { NOT_FOUND_NOTES, notFoundNote } from './render/text/notFound.js';
export { type PathsTextOptions, pathsToText } from './render/text/pathsText.js';
export { sitesGrowthToCsv, sitesGrowthToJson, sitesGrowthToText } from './render/text/sitesGrowthText.js';
export {
  NO_FRAME_LABEL,
  scriptText,
  sitesToCsv,
  sitesToJson,
  sitesToText,
  UNTRACED_LABEL,
} from './render/text/sitesText.js';
export { suspectSummary, suspectsToMarkdown, suspectsToText } from './render/text/suspectsText.js';
export { type TreemapTextOptions, treemapToText } from './render/text/treemapText.js';
export { trendToCsv } from './render/text/trendCsv.js';
export { type TrendTextOptions, trendToText } from './render/text/trendText.js';
export { typesToCsv, typesToJson, typesToText } from './render/text/typesText.js';
export { type AllocationFrame, AllocationTraces } from './snapshot/allocationTraces.js';
export { detachedNodes } from './snapshot/domState.js';
export { isSnapshotFormatError, type SnapshotErrorCode, SnapshotFormatError } from './snapshot/errors.js';
export { HeapGraph, type NodeLocation, type RetainerIndex } from './snapshot/heapGraph.js';
export { formatPropertyName, type InterfaceDefinition, InterfaceNames } from './snapshot/interfaceNames.js';
export { SnapshotPushReader } from './snapshot/pushReader.js';
export { type ReadOptions, type ReadProgress, readSnapshot } from './snapshot/readSnapshot.js';
export { shallowSizes } from './snapshot/shallowSizes.js';
export type { SnapshotSource } from './snapshot/source.js';
export { chainView, chosenChainView } from './view/chainView.js';
export {
  type CheckEntry,
  type CheckExample,
  type CheckReport,
  type CheckReportInput,
  checkReport,
  type KnownLeak,
  knownLeaks,
} from './view/checkReport.js';
export {
  type ChooseTargetOptions,
  type ChosenTarget,
  chooseTarget,
  needsDominators,
  type TargetChoice,
} from './view/chooseTarget.js';
export { type DetachedTreeView, type DetachedView, detachedView } from './view/detachedView.js';
export { type DominatorsViewOptions, dominatorsView } from './view/dominatorsView.js';
export {
  type ExclusionOptions,
  type Exclusions,
  exclusions,
  type LeftOut,
  leftOutNote,
  missingIds,
} from './view/exclusions.js';
export {
  type ChainFound,
  type ChainNotFound,
  type ChainResult,
  chainObject,
  chainResult,
  chainToJson,
  type UserChainJson,
} from './view/json/chainJson.js';
export {
  type BaselineJson,
  baselineFromJson,
  baselineToJson,
  checkToJson,
  patternText,
} from './view/json/checkJson.js';
export { type DetachedJson, type DetachedTreeJson, detachedObject } from './view/json/detachedJson.js';
export { dominatorsToJson } from './view/json/dominatorsJson.js';
export { infoToJson } from './view/json/infoJson.js';
export { neighbourhoodToJson } from './view/json/neighbourhoodJson.js';
export { type NodeSummary, nodeSummary, nodeToJson } from './view/json/nodeJson.js';
export { type PathsNodeJson, pathsObject, pathsToJson } from './view/json/pathsJson.js';
export type { HeldBy, SuspectJson, SuspectsJson } from './view/json/suspectsJson.js';
export { treemapToJson } from './view/json/treemapJson.js';
export { trendToJson } from './view/json/trendJson.js';
export { type LeakGroup, type LeakGroupsOptions, leakGroups, NO_USER_PATH } from './view/leakGroups.js';
export {
  type LeakPicture,
  type LeakSeries,
  type LeaksView,
  type LeaksViewInput,
  type LeaksViewOptions,
  leaksView,
  type RawLeaksJson,
  type UserLeaksJson,
  type WithExample,
} from './view/leaksView.js';
export {
  backrefs,
  NEIGHBOURHOOD_DEFAULTS,
  type NeighbourhoodOptions,
  refs,
} from './view/neighbourhood.js';
export { neighbourhoodView } from './view/neighbourhoodView.js';
export { nodeView } from './view/nodeView.js';
export { noteText } from './view/noteText.js';
export { type AnchoredPick, pickAnchored } from './view/pickAnchored.js';
export {
  type SuspectsView,
  type SuspectsViewOptions,
  type SuspectView,
  suspectsView,
} from './view/suspectsView.js';
export {
  TREEMAP_SIZE,
  type TreemapBox,
  type TreemapLayoutOptions,
  type TreemapPicture,
  treemapLayout,
} from './view/treemapLayout.js';
export { treemapPicture } from './view/treemapPicture.js';
export {
  type AnchorKind,
  type ArrowStep,
  type ChainView,
  type DominatorSubtree,
  type DominatorsView,
  type FoundChainView,
  type GraphEdgeView,
  type GraphNodeView,
  isChainFound,
  type NeighbourhoodView,
  type NodeView,
  type NotFoundChainView,
  type UserAnchor,
  type UserChain,
  type UserDominator,
  type UserDominators,
  type UserStep,
} from './view/types.js';
export {
  anchoredReach,
  type UserView,
  type UserViewOptions,
  userChain,
  userView,
} from './view/userChain.js';
export { userDominators } from './view/userDominators.js';
export { type MatchPathsOptions, matchPaths, userPathsTree } from './view/userPaths.js';

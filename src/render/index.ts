export { painter } from './ansi.js';
export { chainToDot } from './chainDot.js';
export { chainToJson, nodeToJson } from './chainJson.js';
export { chainToMarkdown } from './chainMarkdown.js';
export { chainToMermaid, escapeMermaidLabel } from './chainMermaid.js';
export { type ChainTextOptions, chainToText } from './chainText.js';
export { depthColors, edgeStyle, type NodeRole, nodeColors } from './dotStyle.js';
export { edgeLabel, isInternalEdge } from './edgeLabel.js';
export { isRenderError, RenderError, type RenderErrorCode, type RenderErrorDetails } from './errors.js';
export { findDotOnPath } from './findDot.js';
export { formatBytes } from './formatBytes.js';
export { type RenderDotOptions, renderDot } from './image.js';
export {
  cutText,
  cutTextStart,
  dotLines,
  escapeDotLabel,
  NAME_MAX,
  PREVIEW_MAX,
  visibleText,
} from './label.js';
export { codeSpan, escapeMarkdownText, fencedBlock, markdownTable } from './markdownText.js';
export { nodeLabelLines, previewText, sizeLine } from './nodeLabel.js';
export { NOT_FOUND_NOTES, notFoundNote } from './notFound.js';
export { dotArgs, PDF_HINT, planRender, type RenderPlan } from './renderPlan.js';
export type { ChainView, ImageFormat, NodeView, OutputFormat } from './types.js';
export {
  type FileFormat,
  formatFromPath,
  isImageFormat,
  type WriteOptions,
  writeFileAtomic,
} from './writeOutput.js';

/** The views renderers draw are made by the analysis layer (src/analysis/types.ts). */
export type { ChainView, NodeView } from '../analysis/types.js';

/** A result's text forms; `svg` is text too for the commands that draw their own SVG (treemap, trend). */
export type OutputFormat = 'dot' | 'text' | 'markdown' | 'mermaid' | 'json' | 'csv' | 'svg';
export type ImageFormat = 'svg' | 'png' | 'pdf';

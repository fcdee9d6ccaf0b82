/** The views renderers draw are made by the analysis layer (src/analysis/types.ts). */
export type { ChainView, NodeView } from '../analysis/types.js';

export type OutputFormat = 'dot' | 'text' | 'markdown' | 'mermaid' | 'json' | 'csv';
export type ImageFormat = 'svg' | 'png' | 'pdf';

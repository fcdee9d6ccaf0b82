/** A result's text forms; `svg` is text too for the commands that draw their own SVG (treemap, trend). */
export type OutputFormat = 'dot' | 'text' | 'markdown' | 'mermaid' | 'json' | 'csv' | 'svg';
export type ImageFormat = 'svg' | 'png' | 'pdf';

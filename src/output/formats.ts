/** A result's text forms; `svg` is text too for the commands that draw their own SVG (treemap, trend). */
export type OutputFormat = 'dot' | 'text' | 'markdown' | 'mermaid' | 'json' | 'csv' | 'svg';
export type ImageFormat = 'svg' | 'png' | 'pdf';

/** What a renderer may adapt to: colour only for a terminal that has not asked for none (NO_COLOR). */
export interface RenderContext {
  color: boolean;
}

/** A result in each format it can take, each made only when chosen. */
export type Renderers = Partial<Record<OutputFormat, (context: RenderContext) => string>>;

import { type ChainDotOptions, chainToDot } from '../render/dot/chainDot.js';
import { chainToMarkdown } from '../render/text/chainMarkdown.js';
import { chainToMermaid } from '../render/text/chainMermaid.js';
import { chainToText } from '../render/text/chainText.js';
import { chainToJson } from '../view/json/chainJson.js';
import type { ChainView } from '../view/types.js';
import type { OutputFormat, Renderers } from './formats.js';

/** The forms chainRenderers makes. */
export const CHAIN_FORMATS: readonly OutputFormat[] = ['text', 'dot', 'markdown', 'mermaid', 'json'];

/** The forms of one retainer chain (`heapdot chain`, heapdot/live's showChain): which format, which renderer. */
export function chainRenderers(view: ChainView, options: ChainDotOptions = {}): Renderers {
  return {
    text: ({ color }) => chainToText(view, { color }),
    dot: () => chainToDot(view, options),
    markdown: () => chainToMarkdown(view),
    mermaid: () => chainToMermaid(view),
    json: () => chainToJson(view),
  };
}

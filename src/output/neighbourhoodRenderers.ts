import { neighbourhoodToDot } from '../render/dot/neighbourhoodDot.js';
import { neighbourhoodToText } from '../render/text/neighbourhoodText.js';
import { neighbourhoodToJson } from '../view/json/neighbourhoodJson.js';
import type { NeighbourhoodView } from '../view/types.js';
import type { OutputFormat, Renderers } from './formats.js';

/** The forms neighbourhoodRenderers makes. */
export const NEIGHBOURHOOD_FORMATS: readonly OutputFormat[] = ['text', 'dot', 'json'];

/** The forms of backrefs, refs and merged chains (the CLI's and heapdot/live's): which format, which renderer. */
export function neighbourhoodRenderers(view: NeighbourhoodView): Renderers {
  return {
    text: ({ color }) => neighbourhoodToText(view, { color }),
    dot: () => neighbourhoodToDot(view),
    json: () => neighbourhoodToJson(view),
  };
}

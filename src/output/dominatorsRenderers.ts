import { dominatorsToDot } from '../render/dot/dominatorsDot.js';
import { dominatorsToText } from '../render/text/dominatorsText.js';
import { dominatorsToJson } from '../view/json/dominatorsJson.js';
import type { DominatorsView } from '../view/types.js';
import type { Renderers } from './formats.js';

/** The forms of `heapdot dominators`: which format, which renderer. */
export function dominatorsRenderers(view: DominatorsView): Renderers {
  return {
    text: ({ color }) => dominatorsToText(view, { color }),
    dot: () => dominatorsToDot(view),
    json: () => dominatorsToJson(view),
  };
}

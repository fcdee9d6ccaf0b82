import { detachedToDot } from '../render/dot/detachedDot.js';
import { detachedToMarkdown, detachedToText } from '../render/text/detachedText.js';
import type { DetachedView } from '../view/detachedView.js';
import { detachedObject } from '../view/json/detachedJson.js';
import type { Renderers } from './formats.js';

/** The forms of `heapdot detached`: which format, which renderer (images are made from `dot`). */
export function detachedRenderers(view: DetachedView): Renderers {
  return {
    text: (context) => detachedToText(view, context.color),
    markdown: () => detachedToMarkdown(view),
    json: () => `${JSON.stringify(detachedObject(view), null, 2)}\n`,
    dot: () => detachedToDot(view),
  };
}

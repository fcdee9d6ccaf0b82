import { chainToDot } from '../render/dot/chainDot.js';
import { suspectsToMarkdown, suspectsToText } from '../render/text/suspectsText.js';
import type { SuspectsView } from '../view/suspectsView.js';
import type { Renderers } from './formats.js';
import { type Output, pictureOutputs } from './outputSet.js';

/** The forms of `heapdot suspects`: which format, which renderer. */
export function suspectsRenderers(view: SuspectsView): Renderers {
  return {
    text: (context) => suspectsToText(view, context),
    markdown: () => suspectsToMarkdown(view),
    json: () => `${JSON.stringify(view.json, null, 2)}\n`,
  };
}

/** `suspects --out-dir`: each suspect's chain as `suspect-<rank>-<kind>-<class>.dot` and `.png`. */
export function suspectPictureOutputs(view: SuspectsView, folder: string): Output[] {
  const pictures = view.suspects.map(({ pictureName, chain }) => ({
    name: pictureName,
    dot: chainToDot(chain),
  }));
  return pictureOutputs(folder, pictures, 'png');
}

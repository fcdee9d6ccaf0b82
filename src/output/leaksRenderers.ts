import { chainToDot } from '../render/dot/chainDot.js';
import { leaksToText } from '../render/text/leaksText.js';
import type { LeaksView } from '../view/leaksView.js';
import type { Renderers } from './formats.js';
import { type Output, pictureOutputs } from './outputSet.js';

/** The forms of `heapdot leaks`: which format, which renderer. */
export function leaksRenderers(view: LeaksView): Renderers {
  return { text: () => leaksToText(view), json: () => `${JSON.stringify(view.json, null, 2)}\n` };
}

/** The chain pictures of `leaks --out-dir`: each as `<name>.dot` and `<name>.png` in `folder`. */
export function leakPictureOutputs(view: LeaksView, folder: string): Output[] {
  const pictures = view.pictures().map(({ name, chain }) => ({ name, dot: chainToDot(chain) }));
  return pictureOutputs(folder, pictures, 'png');
}

import { type CheckReport, checkToJson, checkToMarkdown, checkToText, type Renderers } from '../../index.js';

/** The report of `check` in every form it writes. */
export function checkRenderers(report: CheckReport): Renderers {
  return {
    text: ({ color }) => checkToText(report, { color }),
    markdown: () => checkToMarkdown(report),
    json: () => checkToJson(report),
  };
}

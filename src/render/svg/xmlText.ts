import { visibleText } from '../label.js';

const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Text for an SVG element or attribute, drawn literally: invisible characters as visible escapes
 * (`visibleText`, which also takes the control characters and lone surrogates XML 1.0 forbids),
 * U+FFFE and U+FFFF (also forbidden) as `\uFFFE`, `\uFFFF`, and the five XML specials as entities.
 */
export function escapeXml(text: string): string {
  return visibleText(text)
    .replace(/[\uFFFE\uFFFF]/g, (character) => `\\u${character.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/[&<>"']/g, (character) => XML_ESCAPES[character] ?? character);
}

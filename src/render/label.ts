/**
 * Label text: cut long values, make invisible characters visible, and escape for Graphviz.
 *
 * Order matters (DESIGN.md): cut first, on code points, so a cut never lands inside a surrogate
 * pair or inside an escape we add later; then make invisible characters visible; then escape.
 */

/** How many code points of a value (a string's text) a label shows before `…`. */
export const PREVIEW_MAX = 40;
/** How many code points of a name (class, property, variable, script) a label shows before `…`. */
export const NAME_MAX = 80;

const ELLIPSIS = '…';

/**
 * The first `max` code points of `text`, then `…` when something was cut.
 * Counts code points, so a surrogate pair is kept or dropped whole; a lone surrogate counts as one.
 * @default max 40 (PREVIEW_MAX)
 */
export function cutText(text: string, max: number = PREVIEW_MAX): string {
  // Fast path: a string of at most `max` UTF-16 units has at most `max` code points.
  if (text.length <= max) return text;
  let kept = 0;
  let end = 0;
  for (const codePoint of text) {
    if (kept === max) return `${text.slice(0, end)}${ELLIPSIS}`;
    kept += 1;
    end += codePoint.length;
  }
  return text;
}

/**
 * The last `max` code points of `text`, after `…` when something was cut: for paths and
 * `script:line` locations, whose end is the informative part.
 */
export function cutTextStart(text: string, max: number = NAME_MAX): string {
  if (text.length <= max) return text;
  const codePoints = Array.from(text);
  if (codePoints.length <= max) return text;
  return `${ELLIPSIS}${codePoints.slice(codePoints.length - max).join('')}`;
}

const NAMED_ESCAPES: Readonly<Record<number, string>> = { 10: '\\n', 13: '\\r', 9: '\\t' };

/**
 * C0 controls (NUL included), DEL, C1 controls, the Unicode line and paragraph separators, and the
 * noncharacters U+FFFE and U+FFFF, which XML (so an SVG) may not hold.
 */
function isInvisible(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0xfffe ||
    code === 0xffff
  );
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function showCode(code: number): string {
  const named = NAMED_ESCAPES[code];
  if (named !== undefined) return named;
  const hex = code.toString(16).toUpperCase();
  return code <= 0xff ? `\\x${hex.padStart(2, '0')}` : `\\u${hex.padStart(4, '0')}`;
}

/**
 * `text` with every invisible or unencodable character written as a visible escape:
 * newline as the two characters `\n`, tab `\t`, CR `\r`, NUL `\x00`, DEL `\x7F`, a lone
 * surrogate `\uD800` (UTF-8 cannot encode it). Every renderer uses it, so a heap string can
 * neither break a line nor send a terminal escape sequence.
 * Backslashes are left as they are: `C:\Node` shows as `C:\Node`.
 */
export function visibleText(text: string): string {
  let shown = '';
  let copiedUpTo = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(index + 1))) {
      index++; // a well-formed pair: keep both halves
      continue;
    }
    if (isInvisible(code) || isHighSurrogate(code) || isLowSurrogate(code)) {
      shown += text.slice(copiedUpTo, index) + showCode(code);
      copiedUpTo = index + 1;
    }
  }
  return copiedUpTo === 0 ? text : shown + text.slice(copiedUpTo);
}

/**
 * Graphviz reads a label three times: the DOT lexer (`\"` is a quote), the escString pass
 * (`\N`, `\G`, `\E`, `\T`, `\H`, `\L` name objects) and the line pass (`\n`, `\l`, `\r` break
 * lines, `\x` is `x`); between the last two it decodes HTML entities (`&amp;` is `&`).
 * ts-graphviz quotes the value and escapes only a `"` that no backslash precedes, and it treats
 * a value that looks like `<...>` as an HTML label.
 */
const DOT_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '"': '\\"',
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
};

/**
 * One line of label text, escaped so that Graphviz draws it literally when given to ts-graphviz
 * as a (non-HTML) `label`: backslashes doubled, quotes escaped, `&`, `<`, `>` as entities (so the
 * value never looks like an HTML label), invisible characters as visible escapes.
 * Join several lines with `\\n` (see `dotLines`) after escaping each one.
 */
export function escapeDotLabel(text: string): string {
  return visibleText(text).replace(/[\\"&<>]/g, (character) => DOT_ESCAPES[character] ?? character);
}

/** Escaped lines joined by Graphviz's centred line break, for a multi-line label. */
export function dotLines(lines: readonly string[]): string {
  // An empty line is drawn as `""`: besides showing that the text is empty, a label that starts
  // with an empty line breaks the WASM Graphviz (1.29) after it has drawn any non-ASCII text.
  return lines.map((line) => escapeDotLabel(line === '' ? '""' : line)).join('\\n');
}

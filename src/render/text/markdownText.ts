/**
 * Markdown building blocks that keep any text literal on GitHub. Code spans are used for names
 * because nothing inside them is formatted, linked or turned into an @mention.
 */

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

export interface CodeSpanOptions {
  /** In a GFM table cell `|` must be written `\|`, even inside a code span. @default false */
  inTable?: boolean;
}

/**
 * `text` as a code span: the delimiter is one backtick longer than the longest run inside, and a
 * space pads content that starts or ends with a backtick or a space (CommonMark strips one).
 * `text` must be one line (see `visibleText`).
 */
export function codeSpan(text: string, options: CodeSpanOptions = {}): string {
  const content = options.inTable === true ? text.replace(/\|/g, '\\|') : text;
  const delimiter = '`'.repeat(longestBacktickRun(content) + 1);
  const pad = /^[` ]|[` ]$/.test(content) || content === '' ? ' ' : '';
  return `${delimiter}${pad}${content}${pad}${delimiter}`;
}

/** `text` as a fenced code block whose fence is longer than any backtick run inside it. */
export function fencedBlock(text: string, info = 'text'): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return `${fence}${info}\n${body}${fence}\n`;
}

/**
 * Plain inline text with the characters that could start markup backslash-escaped: emphasis,
 * code, links, HTML, entities, strikethrough, math, table pipes and closing `#`s of a heading.
 * Must not start a line (block markers such as `-` or `1.` are left alone).
 */
export function escapeMarkdownText(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&$!#]/g, '\\$&');
}

/** Width in code points: what a monospace editor shows for the ASCII and Latin text of a chain. */
function width(text: string): number {
  return Array.from(text).length;
}

function pad(text: string, size: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, size - width(text)));
  return right ? fill + text : text + fill;
}

/**
 * A GFM table with its columns aligned, so it reads well before GitHub renders it too.
 * `right` lists the columns aligned to the right (numbers). Cells must already be escaped.
 */
export function markdownTable(header: string[], rows: string[][], right: number[] = []): string {
  const widths = header.map((title, column) =>
    rows.reduce((widest, row) => Math.max(widest, width(row[column])), Math.max(3, width(title))),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => pad(cell, widths[column], right.includes(column))).join(' | ')} |`;
  const rule = widths.map((size, column) =>
    right.includes(column) ? `${'-'.repeat(size - 1)}:` : '-'.repeat(size),
  );
  return [line(header), `| ${rule.join(' | ')} |`, ...rows.map(line)].map((text) => `${text}\n`).join('');
}

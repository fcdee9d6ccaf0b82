/** Texts no label may break, and what a picture must show for each (shared by the DOT tests). */
export interface HostileCase {
  why: string;
  text: string;
  /** What the picture must show for it, character for character. */
  shown: string;
}

export const HOSTILE: HostileCase[] = [
  { why: 'double and single quotes', text: `say "hi" and 'bye'`, shown: `say "hi" and 'bye'` },
  { why: 'a trailing backslash', text: 'ends with \\', shown: 'ends with \\' },
  { why: 'a Windows path ending in \\N', text: 'C:\\Node\\N', shown: 'C:\\Node\\N' },
  { why: "Graphviz's object escapes", text: '\\G \\E \\T \\H \\L', shown: '\\G \\E \\T \\H \\L' },
  { why: "Graphviz's line escapes", text: 'a\\nb\\lc\\r', shown: 'a\\nb\\lc\\r' },
  { why: 'a quote after a backslash', text: 'x\\"y', shown: 'x\\"y' },
  { why: 'a newline', text: 'line 1\nline 2', shown: 'line 1\\nline 2' },
  { why: 'a tab and a carriage return', text: 'a\tb\rc', shown: 'a\\tb\\rc' },
  {
    why: 'control characters',
    text: 'bell\u0007 esc\u001b[31m del\u007f',
    shown: 'bell\\x07 esc\\x1B[31m del\\x7F',
  },
  { why: 'NUL', text: 'nul\u0000end', shown: 'nul\\x00end' },
  { why: 'emoji', text: 'cat 🐈 family 👨‍👩‍👧', shown: 'cat 🐈 family 👨‍👩‍👧' },
  { why: 'a lone surrogate', text: 'lone \ud800 here', shown: 'lone \\uD800 here' },
  { why: 'DOT and record syntax', text: '{a|b}<p>[];=,', shown: '{a|b}<p>[];=,' },
  { why: 'a value that looks like an HTML label', text: '<b>bold</b>', shown: '<b>bold</b>' },
  { why: 'entities', text: '&amp; &lt; &#92; &', shown: '&amp; &lt; &#92; &' },
];

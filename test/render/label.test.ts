import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { cutText, cutTextStart, dotLines, escapeDotLabel, visibleText } from '../../src/render/label.js';

/** Any text, with more than its share of surrogate pairs, lone surrogates, backslashes and quotes. */
const hostileText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
      fc.constantFrom('\ud800', '\udfff', '😀', '\\', '"', '\n', '\u0000', '<', '&'),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

/** C0 and C1 controls and DEL: what must never reach a label or a terminal. */
const hasControlCharacter = (text: string): boolean =>
  Array.from(text).some((character) => {
    const code = character.charCodeAt(0);
    return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
  });

const isWellFormed = (text: string): boolean =>
  !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

describe('cutText', () => {
  it('keeps text of at most max code points as it is', () => {
    assert.equal(cutText('hello', 5), 'hello');
    assert.equal(cutText('', 5), '');
  });

  it('keeps the first max code points and adds …', () => {
    assert.equal(cutText('abcdefgh', 3), 'abc…');
  });

  it('shows 40 code points by default', () => {
    const long = 'x'.repeat(1500);
    assert.equal(cutText(long), `${'x'.repeat(40)}…`);
  });

  it('counts an emoji as one code point and never splits its surrogate pair', () => {
    assert.equal(cutText('😀😀😀', 2), '😀😀…');
    assert.equal(cutText('ab😀cd', 3), 'ab😀…');
  });

  it('cuts between code points only: the kept part is the first max code points (property)', () => {
    fc.assert(
      fc.property(hostileText, fc.integer({ min: 0, max: 70 }), (text, max) => {
        const cut = cutText(text, max);
        if (cut === text) return;
        assert.ok(cut.endsWith('…'));
        assert.equal(cut.slice(0, -1), Array.from(text).slice(0, max).join(''));
      }),
    );
  });

  it('keeps well-formed text well-formed: no half of a surrogate pair is left (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.integer({ min: 0, max: 70 }),
        (text, max) => {
          assert.ok(isWellFormed(cutText(text, max)));
        },
      ),
    );
  });
});

describe('cutTextStart', () => {
  it('keeps the end of a long path', () => {
    assert.equal(cutTextStart('/very/long/path/to/server.js:42', 12), '…server.js:42');
    assert.equal(cutTextStart('server.js:42', 12), 'server.js:42');
  });
});

describe('visibleText', () => {
  it('writes invisible characters as visible escapes', () => {
    assert.equal(visibleText('a\nb\rc\td'), 'a\\nb\\rc\\td');
    assert.equal(
      visibleText('nul\u0000 esc\u001b del\u007f c1\u0085 ls\u2028'),
      'nul\\x00 esc\\x1B del\\x7F c1\\x85 ls\\u2028',
    );
  });

  it('writes lone surrogates as \\uXXXX and keeps pairs', () => {
    assert.equal(visibleText('a\ud800b\udc00c😀'), 'a\\uD800b\\uDC00c😀');
    assert.equal(visibleText('\ud83d'), '\\uD83D');
  });

  it('leaves backslashes and ordinary text alone', () => {
    assert.equal(visibleText('C:\\Node\\N "q" <>&'), 'C:\\Node\\N "q" <>&');
  });

  it('always returns well-formed text without control characters (property)', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const shown = visibleText(text);
        assert.ok(isWellFormed(shown));
        assert.ok(!hasControlCharacter(shown), shown);
      }),
    );
  });
});

describe('escapeDotLabel', () => {
  it('doubles backslashes, so \\N and a trailing backslash stay literal', () => {
    assert.equal(escapeDotLabel('C:\\Node\\N'), 'C:\\\\Node\\\\N');
    assert.equal(escapeDotLabel('end\\'), 'end\\\\');
  });

  it('escapes double quotes, even after a backslash', () => {
    assert.equal(escapeDotLabel('say "hi"'), 'say \\"hi\\"');
    assert.equal(escapeDotLabel('\\"'), '\\\\\\"');
  });

  it('writes &, < and > as entities so the label never looks like HTML', () => {
    assert.equal(escapeDotLabel('<b>&amp;</b>'), '&lt;b&gt;&amp;amp;&lt;/b&gt;');
  });

  it('turns a newline into the visible two characters \\n, escaped for Graphviz', () => {
    assert.equal(escapeDotLabel('a\nb'), 'a\\\\nb');
  });

  it('never leaves a quote that no backslash escapes (property)', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const escaped = escapeDotLabel(text);
        // Read as the DOT lexer does: `\x` pairs, then any bare quote would end the string.
        const bare = escaped.replace(/\\[\s\S]/g, '');
        assert.ok(!bare.includes('"') && !bare.includes('\\'), escaped);
        assert.ok(!hasControlCharacter(escaped) && !/[<>]/.test(escaped), escaped);
      }),
    );
  });
});

describe('dotLines', () => {
  it('escapes each line, then joins them with Graphviz line breaks', () => {
    assert.equal(dotLines(['Map', 'a\\', '@1']), 'Map\\na\\\\\\n@1');
  });
});

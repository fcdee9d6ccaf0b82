import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { trend, trendToCsv, trendToSvg, trendToText } from '../../../src/index.js';

describe('trendToCsv', () => {
  const model = trend([
    { name: 'before, 1.heapsnapshot', stats: [{ className: 'Plain', count: 1, selfSize: 8 }] },
    {
      name: 'after "2".heapsnapshot',
      stats: [
        { className: 'Plain', count: 2, selfSize: 16 },
        { className: 'Window / a,b', count: 3, selfSize: 24 },
        { className: 'say "hi"\nthere', count: 4, selfSize: 32 },
      ],
    },
  ]);

  it('quotes names with commas, quotes or line breaks as RFC 4180 says', () => {
    assert.equal(
      trendToCsv(model, 'count'),
      [
        'class,"before, 1.heapsnapshot","after ""2"".heapsnapshot"',
        '"say ""hi""\nthere",0,4',
        '"Window / a,b",0,3',
        'Plain,1,2',
        '',
      ].join('\n'),
    );
  });

  it('writes self sizes in bytes for selfSize', () => {
    assert.match(trendToCsv(model, 'selfSize'), /\nPlain,8,16\n/);
  });

  it('text and SVG never carry a raw line break or markup from a class name', () => {
    const text = trendToText(model);
    assert.ok(text.includes('say "hi"\\nthere'));
    const svg = trendToSvg(model);
    assert.ok(svg.includes('say &quot;hi&quot;\\nthere'));
    assert.ok(!svg.includes('"hi"'));
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TreemapModel } from '../../../src/analysis/treemapTypes.js';
import { svgToPng } from '../../../src/output/image.js';
import { boxLabelLines, treemapToSvg } from '../../../src/render/svg/treemapSvg.js';
import { treemapLayout } from '../../../src/view/treemapLayout.js';

const NASTY = '<script>&"\'\n\uFFFF\uD800';

function model(): TreemapModel {
  return {
    root: {
      kind: 'object',
      name: 'Root',
      id: 1,
      size: 1000,
      children: [
        { kind: 'object', name: NASTY, id: 2, size: 700, children: [] },
        { kind: 'object', name: 'Small', id: 3, size: 200, children: [] },
        { kind: 'rest', name: '4 more', size: 100, folded: 4, children: [] },
      ],
    },
    fromSnapshotRoot: false,
    depth: 1,
    minSize: 5,
  };
}

describe('treemapToSvg', () => {
  it('escapes heap text for XML, and resvg reads the result', async () => {
    const svg = treemapToSvg(treemapLayout(model(), { width: 400, height: 300 }), { title: NASTY });
    assert.ok(!svg.includes('<script>'));
    assert.ok(svg.includes('&lt;script&gt;&amp;&quot;&apos;\\n\\uFFFF\\uD800'));
    const png = await svgToPng(svg);
    assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  });

  it('lays boxes out by size, in whole pixels, the same bytes every time', () => {
    const picture = treemapLayout(model(), { width: 400, height: 300 });
    const [root, large, small, rest] = picture.boxes;
    assert.deepEqual([root.depth, large.depth, small.depth, rest.depth], [0, 1, 1, 1]);
    const area = (box: { width: number; height: number }) => box.width * box.height;
    assert.ok(area(large) > area(small) && area(small) > area(rest));
    for (const box of picture.boxes)
      for (const value of [box.x, box.y, box.width, box.height]) assert.ok(Number.isInteger(value));
    assert.equal(treemapToSvg(picture), treemapToSvg(treemapLayout(model(), { width: 400, height: 300 })));
  });

  it('labels a box with name and size only when they fit', () => {
    const box = {
      kind: 'object' as const,
      name: 'ImageReqWrapper',
      id: 1,
      size: 2048,
      depth: 1,
      x: 0,
      y: 0,
      nested: false,
    };
    assert.deepEqual(boxLabelLines({ ...box, width: 200, height: 40 }), ['ImageReqWrapper', '2 KiB']);
    assert.deepEqual(boxLabelLines({ ...box, width: 200, height: 16 }), ['ImageReqWrapper · 2 KiB']);
    assert.deepEqual(boxLabelLines({ ...box, width: 60, height: 40 }), ['ImageRe…', '2 KiB']);
    assert.deepEqual(boxLabelLines({ ...box, width: 20, height: 40 }), []);
    assert.deepEqual(boxLabelLines({ ...box, width: 200, height: 8 }), []);
  });
});

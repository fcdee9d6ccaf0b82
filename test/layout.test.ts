/**
 * The README's Architecture claim, checked: data flows snapshot -> analysis -> view -> render ->
 * output -> cli, so no module imports from a folder later in that list.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

const ORDER = ['snapshot', 'analysis', 'view', 'render', 'output', 'cli'];
const SRC = resolve('src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('the layout of src/', () => {
  it('no folder imports from a folder later in the flow', () => {
    const backwards: string[] = [];
    let checked = 0;
    for (const file of sources(SRC)) {
      const from = ORDER.indexOf(relative(SRC, file).split('/')[0]);
      if (from === -1) continue;
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
        const to = ORDER.indexOf(relative(SRC, resolve(dirname(file), spec)).split('/')[0]);
        checked++;
        if (to > from) backwards.push(`${relative(SRC, file)} imports ${spec}`);
      }
    }
    assert.ok(checked > 500, `${checked} imports checked`);
    assert.deepEqual(backwards, []);
  });
});

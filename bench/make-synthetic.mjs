// Writes a synthetic V8 heap snapshot shaped like the recipe in DESIGN.md ("Performance and scale").
//
//   node --max-old-space-size=8000 bench/make-synthetic.mjs --preset 240mb [--fresh] [--out FILE]
//   node bench/make-synthetic.mjs --n 20000            -> bench/.data/synthetic-n20000.heapsnapshot
//   node bench/make-synthetic.mjs --preset strings     -> 600,000 distinct ~1,000-character strings
//   node --max-old-space-size=8000 bench/make-synthetic.mjs --preset 240mb --series 3
//     -> synthetic-240mb.1.heapsnapshot .. .3: one process growing by 5% of N per snapshot (one
//        numbering, for `heapdot suspects` and `trend`); the last one has N objects
//   (the ~4 GB file is made by bench/make-huge.mjs: V8 cannot write a heap that large here)
//
// The heap is built in this process and written with v8.writeHeapSnapshot(). The file is written under a
// temporary name and renamed when complete, so an interrupted run never leaves a truncated snapshot that a
// later run would reuse. An existing file is reused unless --fresh is given. The last line on stdout is a
// JSON object: { file, bytes, reused, ms }.

import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { freemem, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeHeapSnapshot } from 'node:v8';

const here = dirname(fileURLToPath(import.meta.url));
export const DATA_DIR = join(here, '.data');

/** The named sizes. `n` is the number of ImageReqWrapper objects (or strings, for `strings`). */
export const PRESETS = {
  '240mb': { kind: 'wrappers', n: 300_000 },
  '800mb': { kind: 'wrappers', n: 1_000_000 },
  strings: { kind: 'strings', n: 600_000 },
};

/** Rough peak memory, in bytes, that writing each kind needs (heap + the snapshot generator's tables). */
const HUGE_MIN_AVAILABLE = 18 * 1024 ** 3;

function usage(message) {
  if (message) process.stderr.write(`make-synthetic: ${message}\n`);
  process.stderr.write(
    'usage: node bench/make-synthetic.mjs (--preset 240mb|800mb|strings | --n N [--strings]) [--out FILE] [--fresh] [--force]\n',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    preset: undefined,
    n: undefined,
    strings: false,
    out: undefined,
    fresh: false,
    force: false,
    series: 1,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    if (a === '--preset') opts.preset = next();
    else if (a === '--n') opts.n = Number(next());
    else if (a === '--strings') opts.strings = true;
    else if (a === '--out') opts.out = next();
    else if (a === '--fresh') opts.fresh = true;
    else if (a === '--force') opts.force = true;
    else if (a === '--series') opts.series = Number(next());
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown argument ${a}`);
  }
  if (opts.preset === undefined && opts.n === undefined) usage('give --preset or --n');
  if (opts.preset !== undefined && !(opts.preset in PRESETS)) usage(`unknown preset ${opts.preset}`);
  if (opts.n !== undefined && !(Number.isInteger(opts.n) && opts.n > 0))
    usage('--n must be a positive integer');
  if (!(Number.isInteger(opts.series) && opts.series > 0)) usage('--series must be a positive integer');
  return opts;
}

/** The default file name for a preset or a custom size. */
export function syntheticPath(name) {
  return join(DATA_DIR, `synthetic-${name}.heapsnapshot`);
}

// ---------------------------------------------------------------------------------------------------------
// The heap shapes. Class names matter: the benchmark looks for `ImageReqWrapper`.

class ImageReqWrapper {
  constructor(i) {
    this.id = i;
    this.image = Buffer.alloc(64, i & 0xff);
    this.meta = { name: `req${i}`, tags: ['a', 'b', i] };
  }
}

class ImageFormatError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ImageFormatError';
    this.requests = [];
  }
}

class TextHolder {
  constructor(i, text) {
    this.id = i;
    this.text = text;
  }
}

/** A closure of its own per request, so each one has a context that holds `r`. */
function makeGetter(r) {
  return () => r.id;
}

/** Requests `from` to `n - 1` (a series calls it again to grow the same registry). */
function buildWrappers(n, from = 0) {
  globalThis.lastImageError ??= new ImageFormatError('unsupported image format');
  globalThis.imageRegistry ??= { cache: new Map(), getters: [] };
  const lastError = globalThis.lastImageError;
  const registry = globalThis.imageRegistry;
  let rest = from - Math.ceil(from / 1000);
  for (let i = from; i < n; i++) {
    const r = new ImageReqWrapper(i);
    if (i % 1000 === 0) {
      lastError.requests.push(r);
      continue;
    }
    const k = rest++ % 3;
    if (k === 0) registry.cache.set(`k${i}`, r);
    else if (k === 1) registry.getters.push(makeGetter(r));
    else registry.cache.set(i, { left: r, right: { s: `str${i}` } });
  }
}

/**
 * Distinct flat (sequential, one-byte) strings of 1,000 ASCII characters. Buffer#toString makes a flat
 * string; `a + b` would make a cons string, which a snapshot stores as "(concatenated string)" without its
 * text, and the point of this file is a strings section larger than 512 MiB.
 */
function buildStrings(n) {
  const holders = new Array(n);
  const buf = Buffer.alloc(1000);
  for (let j = 0; j < buf.length; j++) buf[j] = 97 + (j % 26); // a..z
  for (let i = 0; i < n; i++) {
    buf.write(`s${i}:`, 0, 'latin1');
    holders[i] = new TextHolder(i, buf.toString('latin1'));
  }
  globalThis.textHolders = holders;
}

// ---------------------------------------------------------------------------------------------------------

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const preset = opts.preset !== undefined ? PRESETS[opts.preset] : undefined;
  const kind = preset ? preset.kind : opts.strings ? 'strings' : 'wrappers';
  const n = opts.n ?? preset.n;
  const name = opts.preset ?? (kind === 'strings' ? `strings-n${n}` : `n${n}`);
  if (opts.series > 1 && kind !== 'wrappers') usage('--series grows the wrappers heap only');
  const single = resolve(opts.out ?? syntheticPath(name));
  // A series: name.1 .. name.K; each snapshot adds 5% of N requests, the last has N.
  const files =
    opts.series === 1
      ? [single]
      : Array.from({ length: opts.series }, (_, i) => single.replace(/(\.heapsnapshot)?$/, `.${i + 1}$1`));

  if (files.every((file) => existsSync(file)) && !opts.fresh) {
    for (const file of files) {
      const bytes = statSync(file).size;
      process.stdout.write(`${JSON.stringify({ file, bytes, reused: true, ms: 0 })}\n`);
    }
    return;
  }

  if (kind === 'wrappers' && n >= 3_000_000 && !opts.force) {
    // Roughly 1 GB of snapshot per 1.25 M objects, and several times that in memory while writing.
    const available = Math.min(freemem(), totalmem());
    if (available < HUGE_MIN_AVAILABLE) {
      process.stderr.write(
        `make-synthetic: N = ${n} needs about ${(HUGE_MIN_AVAILABLE / 1024 ** 3).toFixed(0)} GB of free memory ` +
          `while writing; ${(available / 1024 ** 3).toFixed(1)} GB is free. Use --force to try anyway.\n`,
      );
      process.exit(3);
    }
  }

  let built = 0;
  for (const [index, file] of files.entries()) {
    const t0 = performance.now();
    const upTo = Math.round(n * (1 - 0.05 * (files.length - 1 - index)));
    if (kind === 'strings') buildStrings(n);
    else buildWrappers(upTo, built);
    built = upTo;
    const tBuilt = performance.now();
    writeSnapshot(file);
    const t1 = performance.now();
    const bytes = statSync(file).size;
    process.stderr.write(
      `make-synthetic: ${kind} N=${upTo}: built in ${((tBuilt - t0) / 1000).toFixed(1)} s, ` +
        `written in ${((t1 - tBuilt) / 1000).toFixed(1)} s, ${(bytes / 1e6).toFixed(0)} MB -> ${file}\n`,
    );
    process.stdout.write(`${JSON.stringify({ file, bytes, reused: false, ms: Math.round(t1 - t0) })}\n`);
  }
}

/** Writes under a temporary name, renamed when complete (exit status 1 if it cannot be written). */
function writeSnapshot(file) {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    // bench/.data is not in a fresh clone.
    mkdirSync(dirname(file), { recursive: true });
    writeHeapSnapshot(tmp);
    renameSync(tmp, file);
  } catch (err) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // the folder itself is the problem: nothing was written
    }
    process.stderr.write(`make-synthetic: cannot write ${file} (${err.code ?? err.message})\n`);
    process.exit(1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

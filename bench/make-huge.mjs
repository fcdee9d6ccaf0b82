// Writes the ~4 GB benchmark snapshot by replicating a real V8 snapshot (the 800 MB one) COPIES times
// under its root, streaming, in little memory.
//
//   node bench/make-huge.mjs [--from FILE] [--copies 5] [--out FILE] [--fresh]
//
// Why not v8.writeHeapSnapshot() of a heap five times larger, as for the other files: V8's snapshot
// generator keeps its whole graph in memory while it writes, and for 50 M objects that is more than this
// 24 GB machine has (it was OOM-killed at 3.64 GB written, peak RSS 23.9 GB). The copy is a real snapshot
// rewritten, as the tests make their format variants: copy k keeps every node and edge of the original,
// its ids moved up by k * ID_STRIDE (same parity, so JS objects keep odd ids) and its edge targets and
// location object indexes moved by k nodes-arrays; the strings are shared. The root of the first copy gets
// one element edge to the root of each other copy, so everything stays reachable. The last line on stdout
// is a JSON object: { file, bytes, reused, ms }.

import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import { syntheticPath } from './make-synthetic.mjs';

const ID_STRIDE = 200_000_000;
const OUT_CHUNK = 64 * 1024 * 1024;

function parseArgs(argv) {
  const opts = { from: syntheticPath('800mb'), copies: 5, out: syntheticPath('huge'), fresh: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--from') opts.from = argv[++i];
    else if (a === '--copies') opts.copies = Number(argv[++i]);
    else if (a === '--out') opts.out = argv[++i];
    else if (a === '--fresh') opts.fresh = true;
    else {
      process.stderr.write(`make-huge: unknown argument ${a}\n`);
      process.exit(2);
    }
  }
  return opts;
}

/** Start (just after `[`) and end (the `]`) of a number-array section written by Node. */
function section(bytes, name, from) {
  const key = Buffer.from(`"${name}":[`);
  const start = bytes.indexOf(key, from);
  if (start === -1) throw new Error(`no "${name}" section`);
  const end = bytes.indexOf(0x5d, start + key.length); // number arrays hold no ']'
  return { start: start + key.length, end };
}

class Output {
  constructor(path) {
    this.fd = openSync(path, 'wx');
    this.buffer = Buffer.allocUnsafe(OUT_CHUNK);
    this.used = 0;
    this.bytes = 0;
  }
  text(s) {
    this.flushIfFull(Buffer.byteLength(s));
    this.used += this.buffer.write(s, this.used, 'latin1');
  }
  raw(bytes) {
    for (let p = 0; p < bytes.length; ) {
      const n = Math.min(bytes.length - p, OUT_CHUNK - this.used);
      bytes.copy(this.buffer, this.used, p, p + n);
      this.used += n;
      p += n;
      if (this.used === OUT_CHUNK) this.flush();
    }
  }
  flushIfFull(room) {
    if (this.used + room > OUT_CHUNK) this.flush();
  }
  flush() {
    writeSync(this.fd, this.buffer, 0, this.used);
    this.bytes += this.used;
    this.used = 0;
  }
  close() {
    this.flush();
    closeSync(this.fd);
  }
}

/**
 * Copies the numbers of src[start, end) to out, adding `addend` to the field `field` of each record of
 * `width` numbers (all other bytes as they are); `firstRecord` may replace the first record's numbers.
 */
function copyNumbers(out, src, start, end, width, field, addend, firstRecord) {
  let index = 0;
  const digits = Buffer.allocUnsafe(24);
  for (let p = start; p < end; ) {
    const c = src[p];
    if (c < 48 || c > 57) {
      out.flushIfFull(1);
      out.buffer[out.used++] = c;
      p++;
      continue;
    }
    let value = 0;
    while (p < end && src[p] >= 48 && src[p] <= 57) value = value * 10 + (src[p++] - 48);
    const inRecord = index % width;
    if (firstRecord && index < width) value = firstRecord[index];
    else if (inRecord === field) value += addend;
    index++;
    let n = 0;
    do {
      digits[n++] = 48 + (value % 10);
      value = Math.floor(value / 10);
    } while (value > 0);
    out.flushIfFull(n);
    while (n > 0) out.buffer[out.used++] = digits[--n];
  }
  return index;
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const file = resolve(opts.out);
  if (existsSync(file) && !opts.fresh) {
    process.stdout.write(`${JSON.stringify({ file, bytes: statSync(file).size, reused: true, ms: 0 })}\n`);
    return;
  }
  if (!existsSync(opts.from)) {
    process.stderr.write(`make-huge: ${opts.from} is missing: run npm run bench -- --files 800mb first\n`);
    process.exit(2);
  }
  const t0 = performance.now();
  const src = readFileSync(opts.from);
  const nodesAt = section(src, 'nodes', 0);
  const header = JSON.parse(
    src.toString('utf8', src.indexOf('{', 1), src.lastIndexOf(',', nodesAt.start - '"nodes":['.length)),
  );
  const meta = header.meta;
  const nodeWidth = meta.node_fields.length;
  const edgeWidth = meta.edge_fields.length;
  const locationWidth = meta.location_fields.length;
  const edgesAt = section(src, 'edges', nodesAt.end);
  const locationsAt = section(src, 'locations', edgesAt.end);
  const stringsKey = src.indexOf(Buffer.from('"strings":['), locationsAt.end);
  const nodeCount = header.node_count;
  const nodesLength = nodeCount * nodeWidth;
  const copies = opts.copies;

  // The root's first record, with COPIES - 1 more edges (to the other copies' roots).
  const rootRecord = [];
  {
    let p = nodesAt.start;
    for (let f = 0; f < nodeWidth; f++) {
      let value = 0;
      while (src[p] < 48 || src[p] > 57) p++;
      while (src[p] >= 48 && src[p] <= 57) value = value * 10 + (src[p++] - 48);
      rootRecord.push(value);
    }
    rootRecord[meta.node_fields.indexOf('edge_count')] += copies - 1;
  }

  const tmp = `${file}.${process.pid}.tmp`;
  mkdirSync(dirname(file), { recursive: true });
  const out = new Output(tmp);
  try {
    out.text(
      `{"snapshot":${JSON.stringify({
        ...header,
        node_count: nodeCount * copies,
        edge_count: header.edge_count * copies + copies - 1,
      })},\n"nodes":[`,
    );
    const idField = meta.node_fields.indexOf('id');
    for (let k = 0; k < copies; k++) {
      if (k > 0) out.text('\n,');
      copyNumbers(
        out,
        src,
        nodesAt.start,
        nodesAt.end,
        nodeWidth,
        idField,
        k * ID_STRIDE,
        k === 0 ? rootRecord : undefined,
      );
      process.stderr.write(`make-huge: nodes of copy ${k + 1} of ${copies}\n`);
    }
    out.text('],\n"edges":[');
    const elementType = meta.edge_types[0].indexOf('element');
    for (let k = 1; k < copies; k++) out.text(`${elementType},${1000000 + k},${k * nodesLength}\n,`);
    const toField = meta.edge_fields.indexOf('to_node');
    for (let k = 0; k < copies; k++) {
      if (k > 0) out.text('\n,');
      copyNumbers(out, src, edgesAt.start, edgesAt.end, edgeWidth, toField, k * nodesLength);
      process.stderr.write(`make-huge: edges of copy ${k + 1} of ${copies}\n`);
    }
    // trace_function_infos, trace_tree and samples as they are (empty or small), then the locations.
    out.raw(src.subarray(edgesAt.end, locationsAt.start));
    const objectField = meta.location_fields.indexOf('object_index');
    for (let k = 0; k < copies; k++) {
      if (k > 0 && locationsAt.end > locationsAt.start) out.text('\n,');
      copyNumbers(out, src, locationsAt.start, locationsAt.end, locationWidth, objectField, k * nodesLength);
    }
    out.raw(src.subarray(locationsAt.end, stringsKey));
    out.raw(src.subarray(stringsKey));
    out.close();
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  const ms = Math.round(performance.now() - t0);
  const bytes = statSync(file).size;
  process.stderr.write(
    `make-huge: ${copies} copies of ${opts.from}: ${(bytes / 1e9).toFixed(2)} GB in ${(ms / 1000).toFixed(0)} s -> ${file}\n`,
  );
  process.stdout.write(`${JSON.stringify({ file, bytes, reused: false, ms })}\n`);
}

main();

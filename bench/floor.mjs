// The floor: the least a JavaScript heap snapshot parser has to do. It reads the file with an fs stream in
// 1-4 MiB chunks, looks at every byte, and parses every run of ASCII digits into a number (accumulating the
// digits), summing them into a checksum so the work cannot be optimised away. No JSON structure, no strings,
// no allocation per number: whatever a real parser does on top of this costs more.
//
//   node bench/floor.mjs FILE [--chunk-mib 4]
//
// Prints one JSON line: { file, bytes, numbers, checksum, ms, mbPerS }.

import { createReadStream, statSync } from 'node:fs';

function parseArgs(argv) {
  let file;
  let chunkMiB = 4;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--chunk-mib') chunkMiB = Number(argv[++i]);
    else if (file === undefined) file = a;
    else throw new Error(`unexpected argument ${a}`);
  }
  if (file === undefined) throw new Error('usage: node bench/floor.mjs FILE [--chunk-mib 1..4]');
  if (!(chunkMiB >= 1 && chunkMiB <= 4)) throw new Error('--chunk-mib must be between 1 and 4');
  return { file, chunkMiB };
}

async function main() {
  const { file, chunkMiB } = parseArgs(process.argv.slice(2));
  const bytes = statSync(file).size;
  const t0 = performance.now();

  let value = 0; // the number being accumulated
  let inNumber = false; // a digit run carries over chunk boundaries
  let numbers = 0;
  let checksum = 0;
  const stream = createReadStream(file, { highWaterMark: chunkMiB * 1024 * 1024 });
  for await (const chunk of stream) {
    const len = chunk.length;
    for (let i = 0; i < len; i++) {
      const d = chunk[i] - 48;
      if (d >= 0 && d <= 9) {
        value = value * 10 + d;
        inNumber = true;
      } else if (inNumber) {
        // A 32-bit checksum: cheap, and exact however long a digit run inside a string gets.
        checksum = (checksum + value) | 0;
        numbers++;
        value = 0;
        inNumber = false;
      }
    }
  }
  if (inNumber) {
    checksum = (checksum + value) | 0;
    numbers++;
  }

  const ms = performance.now() - t0;
  const result = {
    file,
    bytes,
    numbers,
    checksum,
    ms: Math.round(ms),
    mbPerS: Math.round(bytes / 1e6 / (ms / 1000)),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err) => {
  process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

// The DevTools row: Chrome DevTools' own heap snapshot loader, as packaged by heap-snapshot-toolkit.
// parse() streams the file into HeapSnapshotLoader and then builds the JSHeapSnapshot, which includes
// DevTools' distances, dominator tree and retained sizes (everything the Memory panel needs before it
// can show a retainer path).
//
//   node --max-old-space-size=16000 bench/devtools-load.mjs FILE
//
// Prints one JSON line: { nodeCount, edgeCount, totalSize, ms } or exits 1 with `error: <message>`.

import { createReadStream } from 'node:fs';
import { parse } from 'heap-snapshot-toolkit';

async function main() {
  const file = process.argv[2];
  if (!file) throw new Error('usage: node bench/devtools-load.mjs FILE');
  const t0 = performance.now();
  const snapshot = await parse(createReadStream(file, 'utf-8'));
  const ms = performance.now() - t0;
  const stats = snapshot.getStatistics();
  const result = {
    nodeCount: snapshot.nodeCount,
    edgeCount: snapshot.containmentEdges.length / snapshot.edgeFieldsCount,
    totalSize: stats.total,
    ms: Math.round(ms),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err) => {
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  process.stderr.write(`error: ${message}\n`);
  if (err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});

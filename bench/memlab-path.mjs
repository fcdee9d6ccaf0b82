// The memlab row: memlab 2.0.5 loading a snapshot and finding the retainer path of one object, the way
// `memlab trace` does it.
//
//   node --max-old-space-size=16000 bench/memlab-path.mjs FILE [ClassName]
//
// memlab is not a heapdot dependency. bench/run.ts installs it on demand into bench/.peers/ (see
// bench/README.md); this script loads it from there.
//
// API used:
//   - getFullHeapFromFile(file) from @memlab/heap-analysis: parses the snapshot into an IHeapSnapshot
//     (building the node id index) and calls core's analysis.preparePathFinder(), which runs
//     TraceFinder.annotateShortestPaths() (a BFS from the GC roots that records each node's pathEdge) and
//     TraceFinder.calculateAllNodesRetainedSizes() (dominators). This is the bulk of the work.
//   - heap.getAnyObjectWithClassName(name): the first node of that class.
//   - new TraceFinder().getPathToGCRoots(heap, node) from @memlab/core: walks the pathEdge links from the
//     node to a GC root (what `memlab trace --node-id` prints).
//
// Prints one JSON line: { nodeCount, target, pathLength, path, ms } or exits 1 with `error: <message>`.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const peers = join(dirname(fileURLToPath(import.meta.url)), '.peers');

async function main() {
  const file = process.argv[2];
  const className = process.argv[3] ?? 'ImageReqWrapper';
  if (!file) throw new Error('usage: node bench/memlab-path.mjs FILE [ClassName]');

  let heapAnalysis;
  let core;
  try {
    const require = createRequire(join(peers, 'package.json'));
    heapAnalysis = require('@memlab/heap-analysis');
    core = require('@memlab/core');
  } catch (err) {
    throw new Error(`memlab is not installed in ${peers} (${err instanceof Error ? err.message : err})`);
  }

  const t0 = performance.now();
  const heap = await heapAnalysis.getFullHeapFromFile(file);
  const node = heap.getAnyObjectWithClassName(className);
  if (!node) throw new Error(`no ${className} object in ${file}`);
  const finder = new core.TraceFinder();
  const path = finder.getPathToGCRoots(heap, node);
  const ms = performance.now() - t0;

  const steps = [];
  for (let p = path; p; p = p.next) {
    const edge = p.edge ? `--${p.edge.type}:${p.edge.name_or_index}--> ` : '';
    steps.push(`${edge}${p.node.name} @${p.node.id}`);
  }
  const result = {
    nodeCount: heap.nodes.length,
    target: `${node.name} @${node.id}`,
    pathLength: Math.max(0, steps.length - 1),
    path: steps,
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

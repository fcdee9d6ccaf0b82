import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { HeapGraph } from '../../src/snapshot/heapGraph.js';
import { readSnapshot } from '../../src/snapshot/readSnapshot.js';
import type { UserChain } from '../../src/view/types.js';
import { userChain } from '../../src/view/userChain.js';
import { type GraphModel, graphModel, programOf } from '../helpers/randomProgram.js';

/** Graphs per program: one child process, one snapshot and one read serve them all. */
const GRAPHS_PER_PROGRAM = 3;

/**
 * Issue 16, "Must show" 4: for random object graphs (objects, arrays, Maps, Sets, closures,
 * closures two scopes deep) built in a child process, the access path of each object's user chain,
 * evaluated from its anchor in that program, reaches the very object (its `__tag` matches).
 *
 * The path is written as JavaScript: `.p0`, `[2]` and `.get("k1")` as they are; two steps
 * JavaScript has no expression for are rewritten to one the program offers: `captures c3_0`
 * becomes a call of the closure, `("c3_0")`, which returns that captured variable, and
 * `has(<…>)` becomes `__member(set, "T0_4")`, the Set's member tagged as the step's object is in
 * the snapshot. A path with any other step (a raw hop, `key of`), or from an anchor other than a
 * module variable or a global, is counted as not expressible, and the test says how many.
 */

const directory = mkdtempSync(join(tmpdir(), 'heapdot-access-paths-'));

/** The `__tag` string of a node, read from its property edge in the snapshot. */
function tagInSnapshot(graph: HeapGraph, node: number): string | undefined {
  for (let edge = graph.firstEdge[node]; edge < graph.firstEdge[node + 1]; edge++) {
    if (graph.edgeTypeName(edge) === 'property' && graph.edgeName(edge) === '__tag')
      return graph.nodeNameOf(graph.edgeTarget[edge]);
  }
  return undefined;
}

/** The user chain as an expression the program can evaluate, or why it cannot be one. */
function expression(graph: HeapGraph, chain: UserChain): { code: string } | { reason: string } {
  let code: string;
  if (chain.anchor.kind === 'module') code = chain.anchor.name.slice(chain.anchor.name.indexOf(': ') + 2);
  else if (chain.anchor.kind === 'global') code = chain.anchor.name;
  else return { reason: `anchor ${chain.anchor.kind}` };
  for (const step of chain.steps) {
    const captured = /^captures (\w+)$/.exec(step.label);
    if (step.raw) return { reason: `raw step ${step.label}` };
    if (captured) code = `${code}(${JSON.stringify(captured[1])})`;
    else if (step.label.startsWith('has(')) {
      const tag = tagInSnapshot(graph, graph.ordinalOfId(step.node.id));
      if (tag === undefined) return { reason: `untagged Set member @${step.node.id}` };
      code = `__member(${code}, ${JSON.stringify(tag)})`;
    } else if (/^(\.[A-Za-z_$][\w$]*|\[\d+\]|\["[^"]*"\]|\.get\("[^"]*"\))$/.test(step.label))
      code += step.label;
    else return { reason: `step ${step.label}` };
  }
  return { code };
}

interface Outcome {
  checked: number;
  inexpressible: string[];
  /** The kinds of step the checked paths took: `.name`, `[i]`, `.get`, `has`, `captures`. */
  stepKinds: Set<string>;
}

function stepKind(label: string): string {
  if (label.startsWith('captures ')) return 'captures';
  if (label.startsWith('has(')) return 'has';
  if (label.startsWith('.get(')) return '.get';
  return label.startsWith('[') ? '[i]' : '.name';
}

async function checkModels(models: GraphModel[], run: number): Promise<Outcome> {
  const program = join(directory, `graph-${run}.mjs`);
  const snapshot = join(directory, `graph-${run}.heapsnapshot`);
  writeFileSync(program, programOf(models));
  execFileSync(process.execPath, [program, 'snapshot', snapshot], { stdio: 'ignore' });
  const graph = await readSnapshot(snapshot);
  rmSync(snapshot);
  const expected: string[] = [];
  const codes: string[] = [];
  const inexpressible: string[] = [];
  const stepKinds = new Set<string>();
  for (let node = 0; node < graph.nodeCount; node++) {
    const tag = tagInSnapshot(graph, node);
    if (tag === undefined || !/^T\d+_\d+$/.test(tag)) continue;
    const chain = userChain(graph, node);
    assert.ok(chain, `${tag} is alive in the snapshot, so an anchor reaches it`);
    const path = expression(graph, chain);
    if ('reason' in path) {
      inexpressible.push(`${tag}: ${chain.accessPath} (${path.reason})`);
      continue;
    }
    expected.push(tag);
    codes.push(path.code);
    for (const step of chain.steps) stepKinds.add(stepKind(step.label));
  }
  const input = join(directory, `paths-${run}.json`);
  writeFileSync(input, JSON.stringify(codes));
  const reached = JSON.parse(
    execFileSync(process.execPath, [program, 'eval', input]).toString(),
  ) as unknown[];
  codes.forEach((code, i) => {
    assert.equal(reached[i], expected[i], `${code} reaches ${expected[i]} (program ${program})`);
  });
  return { checked: codes.length, inexpressible, stepKinds };
}

describe('access paths of random object graphs', () => {
  it('evaluated in the program that built the graph, each reaches the very object', async () => {
    let run = 0;
    let checked = 0;
    const inexpressible: string[] = [];
    const stepKinds = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.array(graphModel, { minLength: GRAPHS_PER_PROGRAM, maxLength: GRAPHS_PER_PROGRAM }),
        async (models) => {
          const outcome = await checkModels(models, run++);
          checked += outcome.checked;
          inexpressible.push(...outcome.inexpressible);
          for (const kind of outcome.stepKinds) stepKinds.add(kind);
        },
      ),
      { numRuns: 10, seed: 16 },
    );
    // 30 graphs: every kind of step occurs in a checked path, and most paths are expressible.
    assert.deepEqual([...stepKinds].sort(), ['.get', '.name', '[i]', 'captures', 'has']);
    assert.ok(
      checked > 3 * inexpressible.length,
      `${checked} checked; not expressible: ${inexpressible.join('; ')}`,
    );
  });
});

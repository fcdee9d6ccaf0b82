import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import {
  allocatedBetween,
  chainToDot,
  chainView,
  checkIds,
  computeDistances,
  type DiffSide,
  diffSide,
  dominatorTree,
  formatBytes,
  groupByClass,
  type HeapGraph,
  idCheckText,
  leakGroups,
  pathsObject,
  pathsToText,
  pathsTree,
  renderDot,
  retainerChain,
  stillAlive,
  type UserView,
  userChain,
  userView,
  writeFileAtomic,
} from '../../index.js';
import { dominatorsShown } from '../dominatorsProgress.js';
import { emit, planOutputs } from '../emit.js';
import { NotFoundError, UsageError } from '../errors.js';
import type { CliIO } from '../io.js';
import { loadSnapshot } from '../load.js';
import {
  type AllOption,
  addAllOption,
  addCommonOptions,
  addRawOption,
  type CommonOptions,
  type RawOption,
  wholeNumber,
} from '../options.js';
import { rankedClasses } from '../rankings.js';

interface LeaksOptions extends CommonOptions, AllOption, RawOption {
  top: number;
  outDir?: string;
}

const FORMATS = ['text', 'json'] as const;

export function leaksCommand(io: CliIO): Command {
  const command = new Command('leaks')
    .description(
      'objects allocated between baseline and target that are still alive in final, by class and by path',
    )
    .argument('<baseline>', 'a snapshot before the action')
    .argument('<target>', 'a snapshot after the action')
    .argument('<final>', 'a snapshot after the action was undone (the leaks are what is left)')
    .option('--top <n>', 'groups to list', wholeNumber(1), 10)
    .option(
      '--out-dir <dir>',
      "write the user chain of each top group's first object there (chain-<n>-<class>.dot and .png; with --raw, DevTools' chain of each class's nearest, chain-<class>)",
    );
  addAllOption(command);
  addRawOption(command);
  addCommonOptions(command, FORMATS);
  return command.action(
    async (baselinePath: string, targetPath: string, finalPath: string, options: LeaksOptions) => {
      const inputs = [baselinePath, targetPath, finalPath];
      const destinations = await planOutputs(options, FORMATS, inputs);
      // One graph at a time: the first two are reduced to sorted ids and their classes. The target
      // is read first: all three name plain objects after its interfaces, so one object keeps one
      // class across them (as DevTools' Comparison view names both sides after one snapshot).
      const target = diffSide(await loadSnapshot(targetPath, io, options));
      const baseline = diffSide(await loadSnapshot(baselinePath, io, options), {
        interfaces: target.interfaces,
      });
      refuseUnlessComparable(baseline, target, baselinePath, targetPath);
      const final = await loadSnapshot(finalPath, io, options);
      refuseUnlessComparable(
        target,
        diffSide(final, { interfaces: target.interfaces }),
        targetPath,
        finalPath,
      );
      const candidates = allocatedBetween(baseline.ids, target.ids);
      const leaked = stillAlive(final, candidates);
      if (leaked.length === 0)
        throw new NotFoundError(
          `no object allocated between ${baselinePath} and ${targetPath} is alive in ${finalPath}`,
        );
      const distances = computeDistances(final);
      const dominators = dominatorsShown(final, io, options);
      if (!options.raw) {
        await userLeaks(io, { ...options, destinations, inputs, leaked, final, distances, dominators });
        return;
      }
      const groups = groupByClass(final, leaked, dominators).slice(0, options.top);
      const tree = pathsTree(final, distances, dominators, leaked, { top: options.top });
      const summary = {
        baseline: baselinePath,
        target: targetPath,
        final: finalPath,
        leaked: leaked.length,
        classes: groups.map(({ nodes, ...group }) => ({ ...group, example: final.nodeId[nodes[0]] })),
        paths: pathsObject(tree),
      };
      const text = () => {
        const lines = [
          `${leaked.length} objects allocated between ${baselinePath} and ${targetPath} are alive in ${finalPath}`,
          '',
        ];
        for (const group of summary.classes) {
          lines.push(
            `${String(group.count).padStart(8)}  ${formatBytes(group.retainedSize).padStart(10)}  ${group.className} (e.g. @${group.example})`,
          );
        }
        return `${lines.join('\n')}\n\n${pathsToText(tree, { snapshotName: finalPath, target: 'the leaked objects' })}`;
      };
      await emit(
        io,
        destinations,
        { text, json: () => `${JSON.stringify(summary, null, 2)}\n` },
        options.quiet,
      );
      if (options.outDir) {
        await mkdir(options.outDir, { recursive: true });
        for (const group of groups) {
          // The group's nearest object stands for it.
          const representative = group.nodes.reduce((best, node) =>
            distances.raw[node] < distances.raw[best] ? node : best,
          );
          const base = join(options.outDir, `chain-${group.className.replace(/[^\w.-]+/g, '_')}`);
          await writeChainPicture(
            io,
            { ...options, final, distances, dominators, inputs },
            representative,
            base,
          );
        }
      }
    },
  );
}

/** Ids that name other objects in the next snapshot would make every renumbered object a "leak". */
function refuseUnlessComparable(a: DiffSide, b: DiffSide, first: string, second: string): void {
  const mismatch = idCheckText(checkIds(a, b), first, second);
  if (mismatch) throw new UsageError(`leaks needs three snapshots of one numbering: ${mismatch}`);
}

interface UserLeaksInput extends LeaksOptions {
  destinations: Awaited<ReturnType<typeof planOutputs>>;
  inputs: string[];
  leaked: Uint32Array;
  final: HeapGraph;
  distances: ReturnType<typeof computeDistances>;
  dominators: ReturnType<typeof dominatorsShown>;
}

/**
 * The user view of the leaks (DESIGN.md, "The user view"): groups by user-level path, ranked by
 * retained size as memlab ranks its clusters, then the user classes; --out-dir draws user chains.
 */
async function userLeaks(io: CliIO, input: UserLeaksInput): Promise<void> {
  const { final, leaked, dominators, inputs } = input;
  const [baselinePath, targetPath, finalPath] = inputs;
  const view = userView(final);
  const sizes = { dominators, tree: dominatorTree(final, dominators) };
  const groups = leakGroups(final, view, leaked, sizes, { all: input.all }).slice(0, input.top);
  const classes = rankedClasses(groupByClass(final, leaked, dominators), input, io, 'leaks').slice(
    0,
    input.top,
  );
  const summary = {
    baseline: baselinePath,
    target: targetPath,
    final: finalPath,
    leaked: leaked.length,
    groups: groups.map(({ nodes, ...group }) => ({ ...group, example: final.nodeId[nodes[0]] })),
    classes: classes.map(({ nodes, ...group }) => ({ ...group, example: final.nodeId[nodes[0]] })),
  };
  const text = () => {
    const lines = [
      `${leaked.length} objects allocated between ${baselinePath} and ${targetPath} are alive in ${finalPath}`,
      '',
      'by path (retained size, objects, class, path):',
    ];
    for (const group of summary.groups)
      lines.push(
        `${formatBytes(group.retainedSize).padStart(10)}  ${String(group.count).padStart(8)}  ${group.className}  ${group.accessPath}  (e.g. @${group.example})`,
      );
    lines.push('', 'by class (objects, retained size, class):');
    for (const group of summary.classes)
      lines.push(
        `${String(group.count).padStart(8)}  ${formatBytes(group.retainedSize).padStart(10)}  ${group.className} (e.g. @${group.example})`,
      );
    return `${lines.join('\n')}\n`;
  };
  await emit(
    io,
    input.destinations,
    { text, json: () => `${JSON.stringify(summary, null, 2)}\n` },
    input.quiet,
  );
  if (!input.outDir) return;
  await mkdir(input.outDir, { recursive: true });
  for (const [index, group] of groups.entries()) {
    const base = join(input.outDir, `chain-${index + 1}-${group.className.replace(/[^\w.-]+/g, '_')}`);
    await writeChainPicture(io, input, group.nodes[0], base, view);
  }
}

/**
 * Draws the chain of one leaked object as `base`.dot and .png: the user chain when given the user
 * view, DevTools' chain otherwise.
 */
async function writeChainPicture(
  io: CliIO,
  input: Pick<UserLeaksInput, 'final' | 'distances' | 'dominators' | 'inputs' | 'quiet'>,
  node: number,
  base: string,
  view?: UserView,
): Promise<void> {
  const { final, distances, dominators, inputs } = input;
  const picture = chainView(
    final,
    distances,
    node,
    retainerChain(final, distances, node),
    inputs[2],
    dominators,
  );
  if (view) picture.user = userChain(final, node, dominators, view);
  const dot = chainToDot(picture);
  await writeFileAtomic(`${base}.dot`, dot, { protect: inputs });
  await writeFileAtomic(`${base}.png`, await renderDot(dot, 'png'), { protect: inputs });
  if (!input.quiet) io.stderr.write(`wrote ${base}.dot and .png\n`);
}

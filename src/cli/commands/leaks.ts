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
  formatBytes,
  groupByClass,
  idCheckText,
  pathsObject,
  pathsToText,
  pathsTree,
  renderDot,
  retainerChain,
  stillAlive,
  writeFileAtomic,
} from '../../index.js';
import { dominatorsShown } from '../analysis.js';
import { emit, planOutputs } from '../emit.js';
import { NotFoundError, UsageError } from '../errors.js';
import type { CliIO } from '../io.js';
import { loadSnapshot } from '../load.js';
import { addCommonOptions, type CommonOptions, wholeNumber } from '../options.js';

interface LeaksOptions extends CommonOptions {
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
      "write the chain of each top group's nearest object there (chain-<class>.dot and .png)",
    );
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
          const view = chainView(
            final,
            distances,
            representative,
            retainerChain(final, distances, representative),
            finalPath,
            dominators,
          );
          const base = join(options.outDir, `chain-${group.className.replace(/[^\w.-]+/g, '_')}`);
          const dot = chainToDot(view);
          await writeFileAtomic(`${base}.dot`, dot, { protect: inputs });
          await writeFileAtomic(`${base}.png`, await renderDot(dot, 'png'), { protect: inputs });
          if (!options.quiet) io.stderr.write(`wrote ${base}.dot and .png\n`);
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

import type { PathsTree, PathsTreeNode } from '../../analysis/pathsTypes.js';
import { formatBytes } from '../formatBytes.js';
import { cutText, NAME_MAX, visibleText } from '../label.js';
import { type Paint, painter } from './ansi.js';
import { stepEdgeText, stepExampleText } from './pathsStepText.js';

export interface PathsTextOptions {
  /** What the user asked for (the target as typed), for the title. @default the root's name */
  target?: string;
  /** The snapshot's file name, for the title. @default none */
  snapshotName?: string;
  /** ANSI colours; the CLI decides (standard output is a TTY and NO_COLOR is unset). @default false */
  color?: boolean;
}

/** `--requests (property)--->  Array @81547`, as the chain text writes a step. */
function stepText(node: PathsTreeNode, paint: Paint): string {
  const name = visibleText(cutText(node.name, NAME_MAX));
  if (node.kind !== 'object') return paint(name, 'bold', node.kind === 'root' ? 'green' : 'yellow');
  const parts: string[] = [];
  const edge = stepEdgeText(node);
  if (edge !== undefined && node.edge !== null) {
    parts.push(
      `${paint('--', 'dim')}${paint(visibleText(edge), 'yellow')} ${paint(`(${visibleText(node.edge.type)})--->`, 'dim')} `,
    );
  }
  parts.push(node.matched > 0 ? paint(name, 'bold', 'red') : paint(name, 'bold'));
  const example = stepExampleText(node);
  if (example !== undefined) parts.push(paint(example, 'dim'));
  if (node.matched > 0 && node.matched !== node.count) parts.push(paint(`· ${node.matched} here`, 'dim'));
  return parts.join(' ');
}

/**
 * Merged paths as an indented tree, one line per step, root first: how many matched objects are
 * reached through the step, their retained size, then the step (edge and class) indented by depth.
 * ```
 * merged paths to LeakedRequest in app.heapsnapshot: 61 objects
 * count  retained  path
 *    61   4.3 KiB  (root)
 *    61   4.3 KiB    --2 (shortcut)--->  global @6053
 *    60   4.2 KiB      --requests (property)--->  Array @81547
 *    60   4.2 KiB        --[0…59] (element)--->  LeakedRequest e.g. @74077
 * ```
 * Children come largest count first; "N more" and "(unreachable)" lines stand for what was cut or
 * is not reached. Heap text is made visible (`visibleText`), never raw. Every line ends with a newline.
 */
export function pathsToText(tree: PathsTree, options: PathsTextOptions = {}): string {
  const paint = painter(options.color === true);
  const target = visibleText(options.target ?? tree.root.name);
  const where = options.snapshotName === undefined ? '' : ` in ${visibleText(options.snapshotName)}`;
  const unreachable = tree.unreachable > 0 ? ` (${tree.unreachable} unreachable)` : '';
  const objects = `${tree.matched} ${tree.matched === 1 ? 'object' : 'objects'}`;
  const rows: [string, string, string][] = [];
  const stack: [PathsTreeNode, number][] = [[tree.root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    rows.push([
      String(node.count),
      formatBytes(node.retainedSize),
      `${'  '.repeat(depth)}${stepText(node, paint)}`,
    ]);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i], depth + 1]);
  }
  const countWidth = Math.max('count'.length, ...rows.map((row) => row[0].length));
  const sizeWidth = Math.max('retained'.length, ...rows.map((row) => row[1].length));
  const lines = [
    `merged paths to ${target}${where}: ${objects}${unreachable}`,
    paint(`${'count'.padStart(countWidth)}  ${'retained'.padStart(sizeWidth)}  path`, 'dim'),
    ...rows.map(
      ([count, size, step]) => `${count.padStart(countWidth)}  ${size.padStart(sizeWidth)}  ${step}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

import type { LeaksView } from '../../view/leaksView.js';
import { formatBytes } from '../formatBytes.js';
import { pathsToText } from './pathsText.js';

/**
 * `heapdot leaks` as text: how many objects leaked, then the groups by user-level path and by
 * class (the user view), or by class and DevTools' merged paths (--raw).
 */
export function leaksToText(view: LeaksView): string {
  const { json } = view;
  const lines = [
    `${json.leaked} objects allocated between ${json.baseline} and ${json.target} are alive in ${json.final}`,
    '',
  ];
  const classLines = json.classes.map(
    (group) =>
      `${String(group.count).padStart(8)}  ${formatBytes(group.retainedSize).padStart(10)}  ${group.className} (e.g. @${group.example})`,
  );
  if (view.kind === 'raw') {
    lines.push(...classLines);
    return `${lines.join('\n')}\n\n${pathsToText(view.tree, { snapshotName: json.final, target: 'the leaked objects' })}`;
  }
  lines.push('by path (retained size, objects, class, path):');
  for (const group of view.json.groups)
    lines.push(
      `${formatBytes(group.retainedSize).padStart(10)}  ${String(group.count).padStart(8)}  ${group.className}  ${group.accessPath}  (e.g. @${group.example})`,
    );
  lines.push('', 'by class (objects, retained size, class):', ...classLines);
  return `${lines.join('\n')}\n`;
}

import type { SnapshotInfo } from '../../analysis/info.js';

/** `info --format json`: the SnapshotInfo as it is, two-space indented. */
export function infoToJson(info: SnapshotInfo): string {
  return `${JSON.stringify(info, null, 2)}\n`;
}

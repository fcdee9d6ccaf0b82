import { formatFromPath, refuseProtected, writeFileAtomic } from '../index.js';
import { UsageError } from './errors.js';
import type { CliIO } from './io.js';
import {
  emitPicture,
  type PictureDestination,
  type PictureFormat,
  type PictureRenderers,
  planPictureOutputs,
} from './pictureOutputs.js';

/**
 * pictureOutputs.ts plus CSV, for a command that draws its own SVG and also has a table to export
 * (trend): `.csv` files and `--format csv` go to CSV, every other output is planned and written by
 * planPictureOutputs and emitPicture, which know no CSV (their formats are the picture's).
 */
export type CsvPictureFormat = Exclude<PictureFormat, 'png'> | 'csv';

/** The formats `--format` may name. */
export const CSV_PICTURE_TEXT_FORMATS = ['text', 'json', 'csv', 'svg'] as const;

export type CsvDestination = { kind: 'stdout' } | { kind: 'file'; path: string };

export interface CsvPicturePlan {
  csv: CsvDestination[];
  pictures: PictureDestination[];
}

const PICTURE_FORMATS: readonly string[] = ['text', 'json', 'svg', 'png'];

function isCsvPath(path: string): boolean {
  return path.toLowerCase().endsWith('.csv');
}

/**
 * Checks every -o before a snapshot is read, as planPictureOutputs does: `.csv` (or, with
 * `--format csv`, standard output or a file without a known extension) is CSV; the rest is
 * planned by planPictureOutputs. No output may be one of `protect` (the snapshots).
 */
export async function planCsvPictureOutputs(
  options: { output: string[]; format?: CsvPictureFormat },
  protect: string[],
): Promise<CsvPicturePlan> {
  const outputs = options.output.length === 0 ? ['-'] : options.output;
  const plan: CsvPicturePlan = { csv: [], pictures: [] };
  for (const output of outputs) {
    const csvByName = output !== '-' && isCsvPath(output);
    const fromPath = output === '-' || csvByName ? undefined : formatFromPath(output);
    if (csvByName && options.format !== undefined && options.format !== 'csv') {
      throw new UsageError(`--format ${options.format} does not fit ${output}, whose extension means csv`);
    }
    if (fromPath !== undefined && !PICTURE_FORMATS.includes(fromPath)) {
      throw new UsageError(
        `this command does not write ${fromPath}; it writes .csv, .svg, .png, .json and .txt`,
      );
    }
    if (csvByName || options.format === 'csv') {
      if (fromPath !== undefined) {
        throw new UsageError(`--format csv does not fit ${output}, whose extension means ${fromPath}`);
      }
      if (output === '-') {
        plan.csv.push({ kind: 'stdout' });
        continue;
      }
      await refuseProtected(output, protect);
      plan.csv.push({ kind: 'file', path: output });
      continue;
    }
    const format = options.format as Exclude<CsvPictureFormat, 'csv'> | undefined;
    plan.pictures.push(...(await planPictureOutputs({ output: [output], format }, protect)));
  }
  return plan;
}

/**
 * Writes the planned outputs: the pictures (and text, JSON) through emitPicture, which renders
 * them all before writing any, then the CSV, which cannot fail to render; so a failing PNG still
 * leaves no file behind. Files are written atomically.
 */
export async function emitCsvPicture(
  io: CliIO,
  plan: CsvPicturePlan,
  renderers: PictureRenderers & { csv: () => string },
  quiet = false,
): Promise<void> {
  const csv = plan.csv.length > 0 ? renderers.csv() : '';
  await emitPicture(io, plan.pictures, renderers, quiet);
  for (const target of plan.csv) {
    if (target.kind === 'stdout') {
      io.stdout.write(csv);
      continue;
    }
    await writeFileAtomic(target.path, csv);
    if (!quiet) io.stderr.write(`wrote ${target.path}\n`);
  }
}

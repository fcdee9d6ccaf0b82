import { appendFile } from 'node:fs/promises';
import {
  baselineToJson,
  type CheckReport,
  chainToDot,
  checkToJunit,
  checkToMarkdown,
  checkWritable,
  knownLeaks,
  type Output,
  pictureOutputs,
  planFolder,
} from '../index.js';
import { classFileName } from '../view/fileNames.js';
import type { CliIO } from './io.js';

/** The files check writes besides its report: JUnit, a baseline, pictures. */
export interface CheckFileOptions {
  junit?: string;
  writeBaseline?: string;
  outDir?: string;
  quiet?: boolean;
}

/** Refuses, before the snapshots are read, a file or folder check could not write. */
export async function planCheckFiles(options: CheckFileOptions, protect: string[]): Promise<void> {
  for (const file of [options.junit, options.writeBaseline]) if (file) await checkWritable(file, protect);
  if (options.outDir) await planFolder(options.outDir, { image: 'png', protect });
}

/**
 * The JUnit XML, the baseline and each failure's picture (check-<n>-<class>.dot and .png) that the
 * options ask for, as outputs to write with the report in one set: all of them, or none.
 */
export function checkFileOutputs(report: CheckReport, options: CheckFileOptions): Output[] {
  const outputs: Output[] = [];
  // Each file has one form; JUnit's XML goes out as the plain text it is.
  const file = (path: string, format: 'text' | 'json', data: () => string) =>
    outputs.push({ destination: { kind: 'file', path, format }, forms: { [format]: data } });
  if (options.junit) file(options.junit, 'text', () => checkToJunit(report));
  if (options.writeBaseline) file(options.writeBaseline, 'json', () => baselineToJson(knownLeaks(report)));
  if (options.outDir) {
    const failures = report.entries.filter((entry) => !entry.passed && entry.example);
    const pictures = failures.map((entry, index) => ({
      name: `check-${index + 1}-${classFileName(entry.className!)}`,
      dot: chainToDot(entry.example!.chain),
    }));
    outputs.push(...pictureOutputs(options.outDir, pictures, 'png'));
  }
  return outputs;
}

/** Appends the Markdown report to GitHub's job summary when GITHUB_STEP_SUMMARY names one. */
export async function appendJobSummary(io: CliIO, report: CheckReport): Promise<void> {
  const summary = io.env.GITHUB_STEP_SUMMARY;
  // The job summary gathers every step's Markdown: append, never replace.
  if (summary) await appendFile(summary, checkToMarkdown(report));
}

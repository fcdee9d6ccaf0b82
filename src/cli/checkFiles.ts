import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  baselineToJson,
  type CheckReport,
  chainToDot,
  checkToJunit,
  checkToMarkdown,
  checkWritable,
  checkWritableFolder,
  knownLeaks,
  renderDot,
  writeFileAtomic,
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
  if (options.outDir) await checkWritableFolder(options.outDir);
}

/**
 * Writes the JUnit XML, the baseline and each failure's picture that the options ask for, and
 * appends the Markdown report to GitHub's job summary when GITHUB_STEP_SUMMARY names one.
 */
export async function writeCheckFiles(
  io: CliIO,
  report: CheckReport,
  options: CheckFileOptions,
  protect: string[],
): Promise<void> {
  const wrote = (path: string) => options.quiet || io.stderr.write(`wrote ${path}\n`);
  if (options.junit) {
    await writeFileAtomic(options.junit, checkToJunit(report), { protect });
    wrote(options.junit);
  }
  if (options.writeBaseline) {
    await writeFileAtomic(options.writeBaseline, baselineToJson(knownLeaks(report)), { protect });
    wrote(options.writeBaseline);
  }
  const summary = io.env.GITHUB_STEP_SUMMARY;
  // The job summary gathers every step's Markdown: append, never replace.
  if (summary) await appendFile(summary, checkToMarkdown(report));
  if (!options.outDir) return;
  await mkdir(options.outDir, { recursive: true });
  const failures = report.entries.filter((entry) => !entry.passed && entry.example);
  for (const [index, entry] of failures.entries()) {
    const base = join(options.outDir, `check-${index + 1}-${classFileName(entry.className!)}`);
    const dot = chainToDot(entry.example!.chain);
    await writeFileAtomic(`${base}.dot`, dot, { protect });
    await writeFileAtomic(`${base}.png`, await renderDot(dot, 'png'), { protect });
    wrote(`${base}.dot and .png`);
  }
}

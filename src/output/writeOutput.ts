import { randomBytes } from 'node:crypto';
import { access, constants, mkdir, open, realpath, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { RenderError } from './errors.js';
import type { ImageFormat, OutputFormat } from './formats.js';

/** What a file name asks for: a text format, or an image format that Graphviz renders. */
export type FileFormat = OutputFormat | ImageFormat;

const FORMAT_BY_EXTENSION: Readonly<Record<string, FileFormat>> = {
  '.dot': 'dot',
  '.gv': 'dot',
  '.svg': 'svg',
  '.png': 'png',
  '.pdf': 'pdf',
  '.txt': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.mmd': 'mermaid',
  '.mermaid': 'mermaid',
  '.json': 'json',
  '.csv': 'csv',
};

/** The format a file's extension names (case-insensitive), or undefined for an unknown one. */
export function formatFromPath(path: string): FileFormat | undefined {
  return FORMAT_BY_EXTENSION[extname(path).toLowerCase()];
}

export function isImageFormat(format: FileFormat): format is ImageFormat {
  return format === 'svg' || format === 'png' || format === 'pdf';
}

export interface WriteOptions {
  /** Files that must never be replaced, e.g. the snapshot being read. @default [] */
  protect?: readonly string[];
}

async function fileIdentity(path: string): Promise<{ real: string; dev: bigint; ino: bigint } | undefined> {
  try {
    const stats = await stat(path, { bigint: true });
    return { real: await realpath(path), dev: stats.dev, ino: stats.ino };
  } catch {
    return undefined; // does not exist (or is `-`): writing cannot replace it
  }
}

/** Same real path, or same device and inode (which also catches hard links). */
async function isSameFile(a: string, b: string): Promise<boolean> {
  const [first, second] = await Promise.all([fileIdentity(a), fileIdentity(b)]);
  if (first === undefined || second === undefined) return false;
  if (first.real === second.real) return true;
  return first.ino !== 0n && first.dev === second.dev && first.ino === second.ino;
}

/** Throws when `path` is (a link to) one of the protected inputs. */
export async function refuseProtected(path: string, protect: readonly string[]): Promise<void> {
  for (const input of protect) {
    if (await isSameFile(path, input)) {
      throw new RenderError(`refusing to write ${path}: it is the input ${input}`, {
        code: 'OVERWRITES_INPUT',
        hint: 'choose another output file',
      });
    }
  }
}

/**
 * Refuses, before any work is done, an output that could not be written: its folder is missing,
 * is not a folder or is not writable, the path itself is a folder, or it is a protected input.
 * A long read must not end in "cannot write that".
 */
export async function checkWritable(path: string, protect: readonly string[] = []): Promise<void> {
  await refuseProtected(path, protect);
  await refuseFolder(path);
  const folder = dirname(path);
  const found = await stat(folder).catch(() => undefined);
  if (found === undefined) throw unwritable(`cannot write ${path}: its folder ${folder} does not exist`);
  await writableFolder(path, folder, found.isDirectory());
}

/** Throws when `path` is a folder: no file can be renamed over it. */
export async function refuseFolder(path: string): Promise<void> {
  if ((await stat(path).catch(() => undefined))?.isDirectory())
    throw unwritable(`cannot write ${path}: it is a folder`);
}

/**
 * Refuses an output folder (--out-dir) that could not be made or written: it is made when missing,
 * so the nearest folder above it that exists must be a writable folder.
 */
export async function checkWritableFolder(folder: string): Promise<void> {
  let existing = folder;
  let found = await stat(existing).catch(() => undefined);
  while (found === undefined && dirname(existing) !== existing) {
    existing = dirname(existing);
    found = await stat(existing).catch(() => undefined);
  }
  await writableFolder(folder, existing, found?.isDirectory() === true);
}

async function writableFolder(output: string, folder: string, isFolder: boolean): Promise<void> {
  if (!isFolder) throw unwritable(`cannot write ${output}: ${folder} is not a folder`);
  try {
    await access(folder, constants.W_OK);
  } catch {
    throw unwritable(`cannot write ${output}: the folder ${folder} is not writable`);
  }
}

function unwritable(problem: string): RenderError {
  return new RenderError(problem, { code: 'WRITE_FAILED' });
}

function tempPathFor(path: string): string {
  // Same folder, so the rename stays on one file system and is atomic.
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Writes `data` to a new temporary file beside `path`, flushed; returns its name. Leaves nothing on failure. */
async function stage(path: string, data: string | Uint8Array): Promise<string> {
  const temp = tempPathFor(path);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return temp;
  } catch (error) {
    await rm(temp, { force: true });
    throw writeFailed(path, error);
  }
}

async function commit(temp: string, path: string): Promise<void> {
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw writeFailed(path, error);
  }
}

/** Names the output the user asked for, not the temporary file. */
function writeFailed(path: string, error: unknown): RenderError {
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new RenderError(`cannot write ${path} (${code})`, { code: 'WRITE_FAILED', cause: error });
}

/**
 * Writes `data` to `path` all at once: into a temporary file in the same folder, flushed, then
 * renamed over `path`. Readers see the old file or the new one, never half of one; on failure
 * the temporary file is removed and `path` is left as it was. Refuses (RenderError
 * `OVERWRITES_INPUT`) to replace any file in `options.protect`.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: WriteOptions = {},
): Promise<void> {
  await refuseProtected(path, options.protect ?? []);
  await commit(await stage(path, data), path);
}

/** One file of a set: where, and its whole content. */
export interface FileContent {
  path: string;
  data: string | Uint8Array;
}

/**
 * Writes the files of one command as a set: their missing folders are made, every path is
 * checked (writable, not a folder, not protected), every file is written to its temporary name,
 * and only then are they renamed over their paths. A failure before the renames leaves nothing
 * behind (no file, no temporary file, no folder made here). Only a rename failing after others
 * succeeded could leave part of a set, and the paths were checked just before.
 */
export async function writeFilesAtomic(
  files: readonly FileContent[],
  options: WriteOptions = {},
): Promise<void> {
  const made: string[] = [];
  const staged: { temp: string; path: string }[] = [];
  try {
    for (const folder of new Set(files.map((file) => dirname(file.path)))) {
      const first = await mkdir(folder, { recursive: true }).catch((error: unknown) => {
        throw writeFailed(folder, error);
      });
      if (first !== undefined) made.push(...foldersBetween(first, folder));
    }
    for (const file of files) await checkWritable(file.path, options.protect ?? []);
    for (const file of files) staged.push({ temp: await stage(file.path, file.data), path: file.path });
  } catch (error) {
    for (const { temp } of staged) await rm(temp, { force: true });
    // Deepest first; rmdir leaves a folder something else has written into since.
    for (const folder of made.reverse()) await rmdir(folder).catch(() => {});
    throw error;
  }
  for (let i = 0; i < staged.length; i++) {
    try {
      await commit(staged[i].temp, staged[i].path);
    } catch (error) {
      for (const { temp } of staged.slice(i + 1)) await rm(temp, { force: true });
      throw error;
    }
  }
}

/** `first` (the first folder mkdir made) and each folder below it down to `last`, outermost first. */
function foldersBetween(first: string, last: string): string[] {
  const folders: string[] = [];
  for (let folder = resolve(last); folder.length >= resolve(first).length; folder = dirname(folder)) {
    folders.unshift(folder);
    if (dirname(folder) === folder) break;
  }
  return folders;
}

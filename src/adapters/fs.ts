/** The file-system adapter: the only place steps read and write files. */
import { createReadStream } from 'node:fs';
import { lstat, mkdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DataError } from '../errors.js';
import { errorMessage } from '../util/text.js';

export interface FileSystem {
  /** Streams a file's bytes (for the CSV/JSONL readers). */
  stream(file: string): AsyncIterable<Uint8Array>;
  readText(file: string): Promise<string>;
  readBytes(file: string): Promise<Uint8Array>;
  /** Writes a file, creating its folder first. */
  write(file: string, data: string | Uint8Array): Promise<void>;
  /** True when anything is at `file`: a file, a folder, or a link (even one pointing nowhere). */
  exists(file: string): Promise<boolean>;
  /** The path with every symbolic link resolved (those of its existing folders, if it does not exist). */
  realPath(file: string): Promise<string>;
  /** Removes a file or folder; nothing happens when it does not exist. */
  remove(file: string): Promise<void>;
}

/** The real file system. A missing input file becomes a DataError that names it. */
export const nodeFileSystem: FileSystem = {
  async *stream(file) {
    await mustExist(file);
    try {
      yield* createReadStream(file, { highWaterMark: 1 << 16 }) as AsyncIterable<Uint8Array>;
    } catch (error) {
      throw unreadable(file, error);
    }
  },
  async readText(file) {
    await mustExist(file);
    return readFile(file, 'utf8').catch((error: unknown) =>
      Promise.reject(unreadable(file, error)),
    );
  },
  async readBytes(file) {
    await mustExist(file);
    const bytes = await readFile(file).catch((error: unknown) =>
      Promise.reject(unreadable(file, error)),
    );
    return new Uint8Array(bytes);
  },
  async write(file, data) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, data);
  },
  remove: (file) => rm(file, { recursive: true, force: true }),
  realPath: resolveLinks,
  // lstat: a link counts even when it points nowhere, so nothing is written through it.
  exists: (file) =>
    lstat(file).then(
      () => true,
      () => false,
    ),
};

async function mustExist(file: string): Promise<void> {
  if (!(await nodeFileSystem.exists(file))) {
    throw new DataError(
      `${file}: file not found. Check the path (relative paths start at the config file's folder).`,
    );
  }
}

/** A read failure (a folder given as a file, no permission) as a DataError naming the file. */
function unreadable(file: string, error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return error;
  const reason =
    code === 'EISDIR' ? 'it is a folder, not a file' : `${code}: ${errorMessage(error)}`;
  return new DataError(`${file}: cannot be read (${reason}).`);
}

/** realpath for paths that may not exist yet: the nearest existing folder is resolved instead. */
async function resolveLinks(file: string): Promise<string> {
  const absolute = path.resolve(file);
  const parent = path.dirname(absolute);
  try {
    return await realpath(absolute);
  } catch {
    return parent === absolute
      ? absolute
      : path.join(await resolveLinks(parent), path.basename(absolute));
  }
}

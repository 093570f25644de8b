/** The file-system adapter: the only place steps read and write files. */
import { createReadStream } from 'node:fs';
import { access, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DataError } from '../errors.js';

export interface FileSystem {
  /** Streams a file's bytes (for the CSV/JSONL readers). */
  stream(file: string): AsyncIterable<Uint8Array>;
  readText(file: string): Promise<string>;
  readBytes(file: string): Promise<Uint8Array>;
  /** Writes a file, creating its folder first. */
  write(file: string, data: string | Uint8Array): Promise<void>;
  exists(file: string): Promise<boolean>;
  /** Removes a file or folder; nothing happens when it does not exist. */
  remove(file: string): Promise<void>;
}

/** The real file system. A missing input file becomes a DataError that names it. */
export const nodeFileSystem: FileSystem = {
  async *stream(file) {
    await mustExist(file);
    yield* createReadStream(file, { highWaterMark: 1 << 16 }) as AsyncIterable<Uint8Array>;
  },
  async readText(file) {
    await mustExist(file);
    return readFile(file, 'utf8');
  },
  async readBytes(file) {
    await mustExist(file);
    return new Uint8Array(await readFile(file));
  },
  async write(file, data) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, data);
  },
  remove: (file) => rm(file, { recursive: true, force: true }),
  exists: (file) =>
    access(file).then(
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

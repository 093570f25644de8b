/** The file-system adapter: the only place steps read and write files. */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import {
  lstat,
  mkdir,
  mkdtemp,
  open,
  readFile,
  readdir,
  readlink,
  realpath,
  rename,
  rm,
  stat,
} from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { DataError, FileSystemError, MlopsError } from '../errors.js';
import { confine, isInside } from '../safety/paths.js';

export interface FileSystem {
  /** Streams a file's bytes (for the CSV/JSONL readers). */
  stream(file: string): AsyncIterable<Uint8Array>;
  /** Opens a file for reads at any offset (for Parquet, read from its footer a row group at a time). */
  open(file: string): Promise<RandomAccessFile>;
  readText(file: string): Promise<string>;
  readBytes(file: string): Promise<Uint8Array>;
  /**
   * Writes a file, creating its folder first: the bytes go to a new temp file in that folder,
   * renamed over the target, so a link at the target is replaced, never followed, and no reader
   * sees half a file.
   */
  write(file: string, data: string | Uint8Array): Promise<void>;
  /**
   * Writes a folder of files (a model bundle) to a temp folder beside it and renames it into
   * place: a kill or a full disk leaves the previous folder or none, never a torn one.
   */
  writeFolder(dir: string, files: Record<string, string | Uint8Array>): Promise<void>;
  /** True when anything is at `file`: a file, a folder, or a link (even one pointing nowhere). */
  exists(file: string): Promise<boolean>;
  /** True when `file` is a folder, or a link to one. */
  isFolder(file: string): Promise<boolean>;
  /** The names in a folder, sorted. */
  list(dir: string): Promise<string[]>;
  /** The path with every symbolic link resolved (those of its existing folders, if it does not exist). */
  realPath(file: string): Promise<string>;
  /** Removes a file or folder (a link itself, not its target); nothing happens when it does not exist. */
  remove(file: string): Promise<void>;
}

/** A file open for reads at any offset; its reader closes it. */
export interface RandomAccessFile {
  /** Its length in bytes when opened. */
  readonly size: number;
  /** Bytes [start, end). */
  read(start: number, end: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Where an action's files may be: everything else is refused before it is opened. */
export interface FileConfinement {
  /** The checkout: reads stay in it (outside `.git`), writes land in its real folders. */
  workspace: string;
  /** The scratch root (RUNNER_TEMP) whose fresh folders hold unpacked baselines. */
  scratch?: string;
}

/**
 * The real file system. With a confinement (the action), every read must resolve inside the
 * workspace or scratch root and every write must land in a real folder there, whatever links a
 * pull request committed; without one (the CLI, on the user's own machine), links are followed.
 */
export function createFileSystem(confinement?: FileConfinement): FileSystem {
  const allow = (file: string, links: 'follow' | 'refuse') =>
    confinement ? confineAccess(file, confinement, links) : Promise.resolve();
  // A write's target is replaced, not followed: what must be real is the folder it lands in.
  const allowWriteIn = (file: string) => allow(path.dirname(path.resolve(file)), 'refuse');
  return {
    async *stream(file) {
      await mustExist(file);
      await allow(file, 'follow');
      try {
        yield* createReadStream(file, { highWaterMark: 1 << 16 }) as AsyncIterable<Uint8Array>;
      } catch (error) {
        throw fileSystemError(error, file, 'read');
      }
    },
    async open(file) {
      await mustExist(file);
      await allow(file, 'follow');
      const handle = await attempt(file, 'read', () => open(file, 'r'));
      try {
        const { size } = await attempt(file, 'read', () => handle.stat());
        return {
          size,
          read: (start, end) => attempt(file, 'read', () => readRange(handle, file, start, end)),
          close: () => handle.close(),
        };
      } catch (error) {
        await handle.close();
        throw error;
      }
    },
    async list(dir) {
      await mustExist(dir);
      await allow(dir, 'follow');
      return (await attempt(dir, 'read', () => readdir(dir))).sort();
    },
    async readText(file) {
      await mustExist(file);
      await allow(file, 'follow');
      return attempt(file, 'read', () => readFile(file, 'utf8'));
    },
    async readBytes(file) {
      await mustExist(file);
      await allow(file, 'follow');
      return new Uint8Array(await attempt(file, 'read', () => readFile(file)));
    },
    async write(file, data) {
      await allowWriteIn(file);
      await makeFolder(path.dirname(file));
      await attempt(file, 'write', () => writeThenRename(file, data));
    },
    async writeFolder(dir, files) {
      await allowWriteIn(dir);
      await makeFolder(path.dirname(dir));
      await attempt(dir, 'write', () => writeFolderThenRename(dir, files));
    },
    async remove(file) {
      await allowWriteIn(file);
      await attempt(file, 'remove', () => rm(file, { recursive: true, force: true }));
    },
    realPath: resolveLinks,
    // lstat: a link counts even when it points nowhere, so nothing is written through it.
    exists: (file) =>
      lstat(file).then(
        () => true,
        () => false,
      ),
    isFolder: (file) =>
      stat(file).then(
        (stats) => stats.isDirectory(),
        () => false,
      ),
  };
}

/** The real file system, unconfined: the CLI's, on the user's own machine. */
export const nodeFileSystem: FileSystem = createFileSystem();

/** Reads must resolve inside the root they lie in; writes must reach it without links. */
async function confineAccess(
  file: string,
  { workspace, scratch }: FileConfinement,
  links: 'follow' | 'refuse',
): Promise<void> {
  const absolute = path.resolve(file);
  // Only paths mlops itself makes lie in the scratch root; all others answer to the workspace.
  const inScratch =
    scratch &&
    !isInside(path.resolve(workspace), absolute) &&
    isInside(path.resolve(scratch), absolute);
  const root = inScratch ? scratch : workspace;
  const what = links === 'refuse' ? 'output' : 'input';
  await confine(absolute, { workspace: root, realPath: resolveLinks, what, links });
}

async function mustExist(file: string): Promise<void> {
  if (!(await nodeFileSystem.exists(file))) {
    throw new DataError(
      `${file}: file not found. Check the path (relative paths start at the config file's folder).`,
    );
  }
}

/** Bytes [start, end) of the file open as `handle`; a file cut short meanwhile is a DataError. */
async function readRange(
  handle: FileHandle,
  file: string,
  start: number,
  end: number,
): Promise<Uint8Array> {
  const bytes = new Uint8Array(end - start);
  for (let at = 0; at < bytes.length;) {
    const { bytesRead } = await handle.read(bytes, at, bytes.length - at, start + at);
    if (bytesRead === 0) {
      throw new DataError(
        `${file}: the file got shorter while it was read; run again once it is written.`,
      );
    }
    at += bytesRead;
  }
  return bytes;
}

/** Creates a folder and its parents; a file in the way or a refusal becomes a FileSystemError. */
async function makeFolder(dir: string): Promise<void> {
  await attempt(dir, 'create the folder', () => mkdir(dir, { recursive: true }));
}

/** A new file of `data` at a random name beside `file`, renamed over it. */
async function writeThenRename(file: string, data: string | Uint8Array): Promise<void> {
  const temp = tempPathBeside(file);
  try {
    await writeNewFile(temp, data);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** A fresh folder of `files` beside `dir`, swapped in for it; the old one is removed after. */
async function writeFolderThenRename(
  dir: string,
  files: Record<string, string | Uint8Array>,
): Promise<void> {
  const staging = await mkdtemp(`${tempPathBeside(dir)}-`);
  try {
    for (const [name, data] of Object.entries(files)) {
      await writeNewFile(path.join(staging, name), data);
    }
    await swapIn(staging, dir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Moves `staging` to `dir`. rename() cannot replace a folder that holds files, so the previous one
 * (or a link there) is first moved aside: in between, readers find no folder, never half of one.
 */
async function swapIn(staging: string, dir: string): Promise<void> {
  const previous = `${staging}-previous`;
  const hadPrevious = await nodeFileSystem.exists(dir);
  if (hadPrevious) await rename(dir, previous);
  try {
    await rename(staging, dir);
  } catch (error) {
    if (hadPrevious) await rename(previous, dir);
    throw error;
  }
  if (hadPrevious) await rm(previous, { recursive: true, force: true });
}

/** Creates `file`, failing if anything (a link included) is already there, and writes `data`. */
async function writeNewFile(file: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    await handle.writeFile(data);
  } finally {
    await handle.close();
  }
}

/** A hidden, random name in the same folder, so the final rename never crosses file systems. */
function tempPathBeside(file: string): string {
  const name = `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`;
  return path.join(path.dirname(file), name);
}

/** Runs one file-system call on `file`, turning an OS error into a named one. */
async function attempt<T>(file: string, action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw fileSystemError(error, file, action);
  }
}

/** What each OS error means for the user, and what to do about it. */
const REMEDIES = {
  ENOSPC: 'the disk is full; free space on this machine (or write elsewhere) and run again',
  EDQUOT: 'the disk quota is used up; free space (or write elsewhere) and run again',
  EACCES: 'permission denied; give the user running mlops access, or use another folder',
  EPERM:
    'the operation is not permitted here; give the user running mlops access, or use another folder',
  EROFS: 'the file system is read-only; use a writable folder',
  EISDIR: 'a folder is in the way of a file; remove it or use another path',
  ENOTDIR:
    'part of the path is a file, not a folder; check the path (an output folder must be a folder)',
  EEXIST: 'a file is in the way of a folder; remove it or use another path',
  EMFILE: 'too many files are open; raise the limit (ulimit -n) or run fewer jobs at once',
  ENFILE: 'the system has too many files open; run fewer jobs at once and retry',
  ENAMETOOLONG: 'the path is too long; use a shorter one',
  ELOOP: 'symbolic links there form a loop (or a chain too long); remove the links',
  EIO: 'the device reported an input/output error; check the disk',
  ERR_FS_FILE_TOO_LARGE: 'the file is too large to read whole',
  ERR_STRING_TOO_LONG: 'the file is too large to read as text',
} as const;

/**
 * An error of the operating system on `file` as a named error saying what to do (a folder given
 * as an input file is a DataError); anything else, a bug, is returned unchanged.
 */
export function fileSystemError(error: unknown, file: string, action: string): unknown {
  // Not `instanceof Error`: errors of Node's own calls may come from another realm (jest's vm).
  if (error instanceof MlopsError || typeof error !== 'object' || error === null) return error;
  const { code, syscall } = error as { code?: unknown; syscall?: unknown };
  if (typeof code !== 'string') return error;
  if (action === 'read' && code === 'EISDIR') {
    return new DataError(`${file}: cannot be read (it is a folder, not a file).`);
  }
  if (Object.hasOwn(REMEDIES, code)) {
    return refusal(file, action, code, REMEDIES[code as keyof typeof REMEDIES]);
  }
  // Other OS errors (they name a system call) are still the machine's, not a bug of ours.
  if (typeof syscall === 'string') {
    return refusal(file, action, code, `the system refused the ${syscall} call`);
  }
  return error;
}

function refusal(file: string, action: string, code: string, why: string): FileSystemError {
  return new FileSystemError(`${file}: cannot ${action} (${code}): ${why}.`);
}

/**
 * realpath for paths that may not exist yet: the nearest existing folder is resolved instead. A
 * link pointing nowhere is resolved to where it points, so it cannot pass for a path inside.
 */
async function resolveLinks(file: string, hops = 0): Promise<string> {
  const absolute = path.resolve(file);
  try {
    return await realpath(absolute);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw fileSystemError(error, file, 'resolve');
  }
  const parent = path.dirname(absolute);
  if (parent === absolute) return absolute;
  const realParent = await resolveLinks(parent, hops);
  const target = await readlink(absolute).catch(() => null);
  if (target === null) return path.join(realParent, path.basename(absolute));
  if (hops >= MAX_LINK_HOPS) {
    throw refusal(file, 'resolve', 'ELOOP', REMEDIES.ELOOP);
  }
  return resolveLinks(path.resolve(realParent, target), hops + 1);
}

/** Linux's own limit on links followed while resolving one path. */
const MAX_LINK_HOPS = 40;

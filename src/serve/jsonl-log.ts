/**
 * An append-only JSON Lines log for the serving path: lines are buffered in memory and written
 * in one append a second (or sooner when the buffer fills), so a request never waits on the disk.
 * Each append is encoded to UTF-8 once, when it comes, which gives its size too; a write takes
 * every append buffered by then in one `writev` through a file handle kept open between writes
 * (reopened on rotation). One write runs at a time: appends that come meanwhile wait for the next
 * one, started by the timer or a full buffer, so a busy server's log keeps up in few, large writes.
 * Past MAX_BUFFERED_BYTES waiting, lines are dropped and reported rather than held until memory
 * runs out. Past `maxBytes` the file rotates: `predictions.jsonl` becomes `predictions.1.jsonl`,
 * the previous `.1` becomes `.2`, and so on; only `keep` rotated files are kept. Once closed, the
 * log refuses lines (and says so once) rather than write them: a line that came after the server
 * stopped would otherwise make the log's folder again, wherever it went.
 */
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

export interface JsonlLogOptions {
  file: string;
  /**
   * The file rotates before an append would take it past this size: an append's lines stay in
   * one file, so a file is larger only when one append alone is.
   */
  maxBytes: number;
  /** Rotated files kept (`.1` … `.keep`). */
  keep: number;
  /** Longest a line waits in memory. */
  flushMs?: number;
  /** Told when a write fails or lines are dropped: the lines are lost, the server goes on. */
  onError: (error: unknown) => void;
  /** Most bytes waiting for the disk before lines are dropped (default MAX_BUFFERED_BYTES). */
  maxBufferedBytes?: number;
}

export interface JsonlLog {
  /** Buffers one line per record. */
  append(records: readonly object[]): void;
  /** Buffers `lines`, JSON Lines text already (each line a JSON value and `\n`), as one append. */
  appendLines(lines: string): void;
  /** Writes every buffered line; resolves once they are on disk (or their write failed). */
  flush(): Promise<void>;
  /** Refuses further lines, then writes those buffered; resolves once they are on disk. */
  close(): Promise<void>;
}

/** Buffered bytes that trigger a write before the timer does. */
const FLUSH_BYTES = 1 << 20;
/** Bytes waiting for the disk beyond which new lines are dropped: a bound on the log's memory. */
export const MAX_BUFFERED_BYTES = 64 << 20;

/** The rotated file `n` of `file` (`predictions.jsonl` → `predictions.2.jsonl`); 0 is the file. */
export function rotatedFile(file: string, n: number): string {
  if (n === 0) return file;
  const ext = path.extname(file);
  return `${file.slice(0, file.length - ext.length)}.${n}${ext}`;
}

/** Opens (lazily: nothing is written before the first line) a rotating JSONL log. */
export function openJsonlLog(options: JsonlLogOptions): JsonlLog {
  const { file, maxBytes, keep } = options;
  const maxBuffered = options.maxBufferedBytes ?? MAX_BUFFERED_BYTES;
  /** The appends waiting for the disk, encoded, and their bytes. */
  let waiting: Buffer[] = [];
  let waitingBytes = 0;
  /** True while lines are dropped (told once per spell, when it starts). */
  let dropping = false;
  /** The file open for appending, and its size; null before the first write and after a failure. */
  let handle: FileHandle | null = null;
  let size = 0;
  let writing: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  /** True once a line was refused after close (told once). */
  let refused = false;

  /** Opens the file for appending, making its folder, and reads its size. */
  async function openFile(): Promise<FileHandle> {
    await mkdir(path.dirname(file), { recursive: true });
    const opened = await open(file, 'a');
    try {
      size = (await opened.stat()).size;
    } catch (error) {
      await opened.close();
      throw error;
    }
    return opened;
  }

  /** Closes the file, shifts the rotated files up by one, and opens a new, empty file. */
  async function rotate(current: FileHandle): Promise<FileHandle> {
    handle = null;
    await current.close();
    await rm(rotatedFile(file, keep), { force: true });
    for (let n = keep - 1; n >= 0; n--) {
      await rename(rotatedFile(file, n), rotatedFile(file, n + 1)).catch(ignoreMissing);
    }
    return openFile();
  }

  /** Writes `batch` in order, rotating before an append that would take the file past maxBytes. */
  async function write(batch: readonly Buffer[]): Promise<void> {
    let current = (handle ??= await openFile());
    let run: Buffer[] = [];
    let runBytes = 0;
    for (const buffer of batch) {
      if (size + runBytes + buffer.length > maxBytes && size + runBytes > 0) {
        await writeAll(current, run, runBytes);
        size += runBytes;
        run = [];
        runBytes = 0;
        current = handle = await rotate(current);
      }
      run.push(buffer);
      runBytes += buffer.length;
    }
    await writeAll(current, run, runBytes);
    size += runBytes;
  }

  /** Starts writing every buffered append; those that come meanwhile wait for the next write. */
  function startWrite(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = waiting;
    waiting = [];
    waitingBytes = 0;
    writing = write(batch)
      .catch(async (error: unknown) => {
        // A failed write leaves the folder and the size unknown: open the file again next time.
        const failed = handle;
        handle = null;
        await failed?.close().catch(() => {});
        options.onError(error);
      })
      .finally(() => {
        writing = null;
        schedule();
      });
    return writing;
  }

  /** Writes now when a write's worth is buffered, else within flushMs; never two at once. */
  function schedule(): void {
    if (writing || waiting.length === 0) return;
    if (waitingBytes >= FLUSH_BYTES) void startWrite();
    else if (!timer) {
      timer = setTimeout(() => {
        timer = null;
        if (!writing) void startWrite();
      }, options.flushMs ?? 1000);
      timer.unref();
    }
  }

  async function flush(): Promise<void> {
    while (writing || waiting.length > 0) await (writing ?? startWrite());
  }

  function appendLines(lines: string): void {
    if (closed) {
      if (!refused) {
        options.onError(
          new Error('the log is closed: lines that come after close are not written'),
        );
      }
      refused = true;
      return;
    }
    if (waitingBytes >= maxBuffered) {
      if (!dropping) {
        options.onError(
          new Error(
            `${maxBuffered} bytes of lines are waiting for the disk: dropping lines until they are written`,
          ),
        );
      }
      dropping = true;
      return;
    }
    dropping = false;
    if (lines === '') return;
    const encoded = Buffer.from(lines);
    waiting.push(encoded);
    waitingBytes += encoded.length;
    schedule();
  }

  return {
    append(records) {
      let lines = '';
      for (const record of records) lines += `${JSON.stringify(record)}\n`;
      appendLines(lines);
    },
    appendLines,
    flush,
    async close() {
      closed = true;
      await flush();
      const last = handle;
      handle = null;
      await last?.close().catch(options.onError);
    },
  };
}

/** Writes all of `buffers` (`bytes` in all) at the end of the file; a short write is an error. */
async function writeAll(handle: FileHandle, buffers: Buffer[], bytes: number): Promise<void> {
  if (bytes === 0) return;
  const { bytesWritten } = await handle.writev(buffers);
  if (bytesWritten < bytes) {
    throw new Error(`${bytesWritten} of ${bytes} bytes were written: is the disk full?`);
  }
}

function ignoreMissing(error: unknown): void {
  if ((error as { code?: string }).code !== 'ENOENT') throw error;
}

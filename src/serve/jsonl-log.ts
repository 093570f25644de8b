/**
 * An append-only JSON Lines log for the serving path: lines are buffered in memory and written
 * in one append a second (or sooner when the buffer fills), so a request never waits on the disk.
 * One write runs at a time and takes every line buffered by then, so a busy server's log keeps up
 * in fewer, larger appends; past MAX_BUFFERED_BYTES waiting, lines are dropped and reported rather
 * than held until memory runs out. Past `maxBytes` the file rotates: `predictions.jsonl` becomes
 * `predictions.1.jsonl`, the previous `.1` becomes `.2`, and so on; only `keep` rotated files are
 * kept.
 */
import { appendFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

export interface JsonlLogOptions {
  file: string;
  /** The file rotates before an append would take it past this size. */
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
  /** Writes every buffered line; resolves once they are on disk (or their write failed). */
  flush(): Promise<void>;
  /** Flushes and stops the timer; later appends are written by the next flush. */
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
  let lines: string[] = [];
  let bufferedBytes = 0;
  /** True while lines are dropped (told once per spell, when it starts). */
  let dropping = false;
  /** The file's size, read on the first write. */
  let size: number | null = null;
  let folder: Promise<unknown> | null = null;
  let writing: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;

  async function rotate(): Promise<void> {
    await rm(rotatedFile(file, keep), { force: true });
    for (let n = keep - 1; n >= 0; n--) {
      await rename(rotatedFile(file, n), rotatedFile(file, n + 1)).catch(ignoreMissing);
    }
    size = 0;
  }

  async function write(batch: string[]): Promise<void> {
    await (folder ??= mkdir(path.dirname(file), { recursive: true }));
    size ??= await stat(file).then(
      (s) => s.size,
      () => 0,
    );
    let chunk = '';
    let chunkBytes = 0;
    for (const line of batch) {
      const bytes = Buffer.byteLength(line);
      if (size + chunkBytes + bytes > maxBytes && size + chunkBytes > 0) {
        if (chunk) await appendFile(file, chunk);
        size += chunkBytes;
        chunk = '';
        chunkBytes = 0;
        await rotate();
      }
      chunk += line;
      chunkBytes += bytes;
    }
    if (chunk) await appendFile(file, chunk);
    size += chunkBytes;
  }

  /** Writes what is buffered, then what was buffered meanwhile, until nothing is left. */
  async function drain(): Promise<void> {
    while (lines.length > 0) {
      const batch = lines;
      lines = [];
      bufferedBytes = 0;
      await write(batch).catch((error: unknown) => {
        // A failed write leaves the folder and the size unknown: look again next time.
        folder = null;
        size = null;
        options.onError(error);
      });
    }
    writing = null;
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    writing ??= lines.length > 0 ? drain() : null;
    return writing ?? Promise.resolve();
  }

  return {
    append(records) {
      if (bufferedBytes >= maxBuffered) {
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
      for (const record of records) {
        const line = `${JSON.stringify(record)}\n`;
        lines.push(line);
        bufferedBytes += line.length;
      }
      // A write under way takes these lines when it is done.
      if (writing) return;
      if (bufferedBytes >= FLUSH_BYTES) void flush();
      else if (!timer && lines.length > 0) {
        timer = setTimeout(() => void flush(), options.flushMs ?? 1000);
        timer.unref();
      }
    },
    flush,
    close: flush,
  };
}

function ignoreMissing(error: unknown): void {
  if ((error as { code?: string }).code !== 'ENOENT') throw error;
}

/**
 * `mlops validate` on every core: a plain CSV file large enough to pay for it is cut into byte
 * ranges at record starts (data/csv-split.ts), one a core, each read into mergeable statistics on
 * its own thread — a worker (data/scan-worker.ts) for each but the last, which this thread reads —
 * and merged in file order (data/scan-parts.ts), which equals one pass. This thread reads every
 * byte through the file-system adapter: each worker's range, a chunk at a time as it asks, and the
 * whole file in order from its stream, for the header, the hash and its own range. (A worker more
 * instead would cost its own heap, about 50 MB, for nothing: this thread would wait meanwhile.)
 * Then the numeric
 * columns' statistics, whose sort is the slowest part of finishing them, are computed on this
 * thread and on fresh workers at once (finishAhead).
 *
 * Whenever the parts cannot stand for one pass, the caller reads the file on one thread instead,
 * which gives the exact result or the exact error: when a worker cannot start (logged), or a part
 * fails (a cut that fell inside a quoted field, a bad record, a part's tally past the cap that
 * its state cannot carry), or the parts' bad records together pass data.max_errors.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { RandomAccessFile } from '../adapters/fs.js';
import { startWorker, workerScript } from '../adapters/worker-thread.js';
import type {
  AccumulatorOptions,
  NumbersJob,
  NumbersTask,
  TableAccumulator,
} from '../data/column-accumulator.js';
import { recordStartNear, SPLIT_LOOKBACK } from '../data/csv-split.js';
import {
  inferFormat,
  isGzipPath,
  readCsvHeader,
  type ReadTableOptions,
  type RejectedRecord,
} from '../data/read-table.js';
import {
  mergeScannedParts,
  readPart,
  type FromWorker,
  type PartJob,
  type ScannedPart,
  type ToWorker,
} from '../data/scan-parts.js';
import type { NumericStats, ValueKind } from '../data/types.js';
import { DataError } from '../errors.js';
import { errorMessage } from '../util/text.js';
import type { StepContext } from './context.js';

/** Below this size a file is read on one thread: starting workers would cost more than they save. */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;
/** Most threads reading a file (this one and the workers). */
const MAX_THREADS = 4;
/** Bytes sent to a worker at a time. */
const CHUNK_BYTES = 1024 * 1024;
/** How far past a cut's target a record start is looked for before the cut is given up. */
const SPLIT_LOOKAHEAD = 1024 * 1024;
/**
 * This thread's share of the file against a worker's (1): it also hashes the whole file and feeds
 * the workers, so with equal shares it finished last, about a tenth of the read later.
 */
const OWN_SHARE = 0.8;

/** How many threads, from what size, and which worker script: for tests. */
export interface ParallelTuning {
  threads?: number;
  minBytes?: number;
  workerScript?: URL;
}

/** What `scanDataset` needs of a scan: the statistics and the bad records; and the parts read. */
export interface ParallelScan {
  accumulator: TableAccumulator;
  rejects: RejectedRecord[];
  parts: number;
}

interface ScanRequest {
  file: string;
  /** The file's bytes in order, from the adapter's stream (the caller hashes them). */
  bytes: AsyncIterable<Uint8Array>;
  kinds: Record<string, ValueKind>;
  statistics: AccumulatorOptions;
  read: ReadTableOptions;
}

/** A part that could not be read, and whether its bytes (`data`) or its worker were to blame. */
class PartFailed extends Error {
  constructor(
    readonly data: boolean,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The scan of `request.file` on worker threads, or undefined when the caller should read it on
 * one thread (see the top of this file).
 */
export async function scanInParallel(
  ctx: StepContext,
  request: ScanRequest,
  tuning: ParallelTuning = {},
): Promise<ParallelScan | undefined> {
  const { deps } = ctx;
  const threads = Math.min(tuning.threads ?? availableParallelism(), MAX_THREADS);
  if (threads < 2 || !isPlainCsv(request.read)) return undefined;
  const file = await deps.fs.open(request.file);
  const workers: PartWorker[] = [];
  try {
    if (file.size < (tuning.minBytes ?? PARALLEL_MIN_BYTES)) return undefined;
    const script =
      tuning.workerScript ?? workerScript(import.meta.url, '../data/scan-worker.ts', 'scan-worker');
    if (!script) {
      deps.log.info('scan-worker.js is missing from the build: reading on one thread');
      return undefined;
    }
    const start = () => {
      const worker = startPartWorker(script);
      workers.push(worker);
      return worker;
    };
    // This thread reads a part too. Started first, they load while the header is read.
    const readers = Array.from({ length: threads - 1 }, start);
    const scan = await readParts(request, file, readers, start);
    if (scan) deps.log.info(`read in ${scan.parts} parts, on as many threads`);
    return scan;
  } catch (error) {
    if (!(error instanceof PartFailed)) throw error;
    deps.log.info(
      error.data
        ? `the parts of ${request.read.source} could not each be read on their own (a quoted line break at a cut, or a bad record): reading it on one thread`
        : `a worker thread failed (${error.message}): reading on one thread`,
    );
    return undefined;
  } finally {
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
    await file.close();
  }
}

function isPlainCsv(read: ReadTableOptions): boolean {
  try {
    return (read.format ?? inferFormat(read.source)) === 'csv' && !isGzipPath(read.source);
  } catch {
    return false; // a name that says no format: one thread reports it
  }
}

/**
 * Reads the header from the start of the caller's stream, cuts the file into a part for each
 * worker and a last one for this thread, reads the parts — each worker's from chunks this thread
 * reads for it, the last one from the rest of the stream (all of which passes through the caller's
 * hash) — merges them and finishes their numbers ahead. A header that cannot be read leaves its
 * error to the one-thread read.
 */
async function readParts(
  request: ScanRequest,
  file: RandomAccessFile,
  workers: PartWorker[],
  startHelper: () => PartWorker,
): Promise<ParallelScan | undefined> {
  const stream = request.bytes[Symbol.asyncIterator]();
  try {
    let read = 0;
    // Without `return`, reading the header leaves the stream open for the rest.
    const counted = {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          const next = await stream.next();
          if (!next.done) read += next.value.length;
          return next;
        },
      }),
    };
    const head = await readCsvHeader(counted, request.read).catch(() => undefined);
    if (!head || head.delimiter.charCodeAt(0) >= 0x80) return undefined;
    const { header, delimiter } = head;
    const starts = await cutPoints(file, workers.length + 1, delimiter);
    const last = starts.length - 1;
    if (last === 0 || (starts[last] as number) < read) return undefined;
    const rows = starts.map(() => 0);
    const onRows = (part: number, count: number) => {
      rows[part] = count;
      request.read.onProgress?.(rows.reduce((sum, n) => sum + n, 0));
    };
    // Two slots a column: see AccumulatorOptions.sharedExact.
    const sharedExact = new Int32Array(new SharedArrayBuffer(8 * header.fields.length));
    const job = (part: number): PartJob => ({
      read: partReadOptions(request.read),
      delimiter,
      ...(part > 0 ? { header } : {}),
      kinds: request.kinds,
      statistics: { ...request.statistics, sharedExact },
      countLineFeeds: part < last,
    });
    const reads = starts.slice(0, last).map((start, part) => {
      const range = { start, end: starts[part + 1] as number };
      const onPartRows = (count: number) => onRows(part, count);
      return readPartInWorker(workers[part] as PartWorker, job(part), file, range, onPartRows);
    });
    const rest = from(stream, starts[last] as number, read);
    const own = readPart(job(last), rest, (count) => onRows(last, count)).catch(
      (error: unknown) => {
        throw error instanceof DataError ? new PartFailed(true, error.message) : error;
      },
    );
    // As each worker is done with its part and gone, a fresh one (a worker's heap is not given
    // back while it lives) starts up, to help finish the statistics.
    const helpers = reads.map((read, part) =>
      read
        .then(() => (workers[part] as PartWorker).stopped.catch(() => undefined))
        .then(startHelper, () => undefined),
    );
    const [parts, lastPart] = await Promise.all([Promise.all(reads), own]);
    const { accumulator, rejects } = merged([...parts, lastPart], request);
    if (rejects.length > (request.read.maxErrors ?? 0)) {
      throw new PartFailed(true, 'more bad records than data.max_errors');
    }
    const started = (await Promise.all(helpers)).filter((helper) => helper !== undefined);
    await finishAhead(accumulator.numbersTasks(), started);
    return { accumulator, rejects, parts: starts.length };
  } finally {
    await stream.return?.();
  }
}

/** The chunks of `stream`, at byte `position` of the file, from byte `start` on. */
async function* from(
  stream: AsyncIterator<Uint8Array>,
  start: number,
  position: number,
): AsyncGenerator<Uint8Array> {
  let at = position;
  for (let next = await stream.next(); !next.done; next = await stream.next()) {
    const chunk = next.value;
    at += chunk.length;
    if (at <= start) continue;
    yield at - chunk.length >= start ? chunk : chunk.subarray(start - (at - chunk.length));
  }
}

/**
 * Runs `tasks` (see NumbersTask) on this thread, from the first, and on `helpers`, from the
 * last, until they meet. A task a helper fails (or that its worker thread could not finish) runs
 * here instead.
 */
async function finishAhead(tasks: NumbersTask[], helpers: PartWorker[]): Promise<void> {
  let front = 0;
  let back = tasks.length;
  // Two tasks at a time a helper, so that it has the next at hand while this thread is busy.
  const lanes = helpers.flatMap((helper) => {
    const ask = asker(helper);
    return [ask, ask];
  });
  const helped = lanes.map(async (ask) => {
    while (front < back) {
      const task = tasks[--back] as NumbersTask;
      await ask(task.job()).then(
        (stats) => task.done(stats),
        () => task.run(),
      );
    }
  });
  while (front < back) {
    (tasks[front++] as NumbersTask).run();
    // Lets the helpers' answers in, and sends them their next tasks.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await Promise.all(helped);
}

/**
 * Sends `helper` numbers to finish, the answers resolving in the order the jobs were sent (a
 * worker answers its messages one at a time, in turn).
 */
function asker({ worker, stopped }: PartWorker): (job: NumbersJob) => Promise<NumericStats> {
  const waiting: { resolve: (stats: NumericStats) => void; reject: (error: Error) => void }[] = [];
  worker.on('message', (message: FromWorker) => {
    const next = waiting.shift();
    if (message.type === 'numbers') next?.resolve(message.stats);
    else
      next?.reject(
        new PartFailed(false, message.type === 'failed' ? message.message : message.type),
      );
  });
  let gone: Error | undefined;
  stopped.catch((error: Error) => {
    gone = error;
    waiting.splice(0).forEach(({ reject }) => reject(error));
  });
  return (job) =>
    new Promise<NumericStats>((resolve, reject) => {
      if (gone) return reject(gone);
      waiting.push({ resolve, reject });
      const buffers = job.state.values ? [job.state.values.buffer as ArrayBuffer] : [];
      worker.postMessage({ type: 'numbers', job } satisfies ToWorker, buffers);
    });
}

/** The parts merged; a part the merge refuses (none should be) fails the read in parts. */
function merged(parts: ScannedPart[], request: ScanRequest): ReturnType<typeof mergeScannedParts> {
  try {
    return mergeScannedParts(parts, request.kinds, request.statistics);
  } catch (error) {
    throw new PartFailed(true, errorMessage(error));
  }
}

/**
 * Where each part starts: 0, then a record start near the end of each share of the file: a
 * worker's for all but the last part, which is this thread's (OWN_SHARE).
 */
async function cutPoints(
  file: RandomAccessFile,
  parts: number,
  delimiter: string,
): Promise<number[]> {
  const starts = [0];
  const shares = parts - 1 + OWN_SHARE;
  for (let part = 1; part < parts; part++) {
    const target = Math.floor((part * file.size) / shares);
    const windowStart = Math.max(0, target - SPLIT_LOOKBACK);
    const window = await file.read(windowStart, Math.min(file.size, target + SPLIT_LOOKAHEAD));
    const start = recordStartNear(window, windowStart, target, delimiter);
    if (start !== undefined && start > (starts[starts.length - 1] as number)) starts.push(start);
  }
  return starts;
}

/** The read options a message can carry: everything but the callbacks, which stay here. */
function partReadOptions(read: ReadTableOptions): PartJob['read'] {
  const { source, format, naValues, decimal, maxErrors, maxFieldBytes, maxRecordBytes } = read;
  return { source, format, naValues, decimal, maxErrors, maxFieldBytes, maxRecordBytes };
}

/**
 * Reads bytes [range.start, range.end) of `file` on `worker`, a chunk each time it asks, and
 * resolves with the part it read; rejects with PartFailed.
 */
function readPartInWorker(
  { worker, stopped }: PartWorker,
  job: PartJob,
  file: RandomAccessFile,
  range: { start: number; end: number },
  onRows: (rows: number) => void,
): Promise<ScannedPart> {
  const read = new Promise<ScannedPart>((resolve, reject) => {
    const post = (message: ToWorker, transfer: ArrayBuffer[] = []) =>
      worker.postMessage(message, transfer);
    let position = range.start;
    let ended = false;
    // One chunk read at a time, so they reach the worker in order.
    let sending = Promise.resolve();
    const sendNext = async () => {
      if (position >= range.end) {
        if (!ended) post({ type: 'end' });
        ended = true;
        return;
      }
      const end = Math.min(range.end, position + CHUNK_BYTES);
      const chunk = await file.read(position, end);
      position = end;
      // Handed over, not copied: a view of a larger buffer is copied first, so only it moves.
      const whole = chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength;
      const bytes = whole ? chunk : chunk.slice();
      post({ type: 'chunk', bytes }, [bytes.buffer as ArrayBuffer]);
    };
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'more') sending = sending.then(sendNext).catch(reject);
      else if (message.type === 'rows') onRows(message.rows);
      else if (message.type === 'done') {
        resolve(message.part);
        // Its memory goes now, before the parts are merged.
        void worker.terminate();
      } else if (message.type === 'failed') reject(new PartFailed(message.data, message.message));
    });
    post({ type: 'job', job });
  });
  return Promise.race([read, stopped]);
}

/** A worker thread, and a promise that rejects with PartFailed once it fails or exits. */
interface PartWorker {
  worker: Worker;
  stopped: Promise<never>;
}

/** A worker on `script`, failures of its start included in `stopped`. */
function startPartWorker(script: URL): PartWorker {
  let worker: Worker;
  try {
    worker = startWorker(script);
  } catch (error) {
    throw new PartFailed(false, errorMessage(error));
  }
  // Listened to from the start: a worker may fail to load before it is given its part.
  const stopped = new Promise<never>((_, reject) => {
    worker.on('error', (error) => reject(new PartFailed(false, error.message)));
    worker.once('exit', (code) => reject(new PartFailed(false, `it exited with code ${code}`)));
  });
  stopped.catch(() => undefined);
  return { worker, stopped };
}

/**
 * The worker thread that reads one part of a CSV file (see scan-parts.ts): the main thread sends
 * the job, then the part's bytes a chunk at a time as the worker asks for them (so at most
 * CHUNKS_AHEAD chunks wait in memory), and gets back the part's mergeable statistics. The worker
 * never opens the file: every read goes through the main thread's file-system adapter. Once the
 * parts are merged, a worker may also finish the numbers of the columns it is sent.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { DataError } from '../errors.js';
import { finishNumbers } from './column-accumulator.js';
import { readPart, type FromWorker, type ScannedPart, type ToWorker } from './scan-parts.js';

/** Chunks asked for before the first is read, so the next one is on its way while one is read. */
const CHUNKS_AHEAD = 2;

if (parentPort) serve(parentPort);

function serve(port: MessagePort): void {
  const post = (message: FromWorker) => port.postMessage(message);
  const queue: Uint8Array[] = [];
  let ended = false;
  let wake: (() => void) | undefined;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let i = 0; i < CHUNKS_AHEAD; i++) post({ type: 'more' });
    for (;;) {
      const chunk = queue.shift();
      if (chunk) {
        post({ type: 'more' });
        yield chunk;
      } else if (ended) {
        return;
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
      }
    }
  }
  const failed = (error: unknown) =>
    post({
      type: 'failed',
      data: error instanceof DataError,
      message: error instanceof Error ? error.message : String(error),
    });
  port.on('message', (message: ToWorker) => {
    if (message.type === 'job') {
      readPart(message.job, chunks(), (rows) => post({ type: 'rows', rows })).then(
        (part) => port.postMessage({ type: 'done', part } satisfies FromWorker, buffers(part)),
        failed,
      );
      return;
    }
    if (message.type === 'numbers') {
      try {
        post({ type: 'numbers', stats: finishNumbers(message.job) });
      } catch (error) {
        failed(error);
      }
      return;
    }
    if (message.type === 'chunk') queue.push(message.bytes);
    else ended = true;
    wake?.();
    wake = undefined;
  });
}

/** The buffers of a part's exact numbers, moved to the main thread rather than copied. */
function buffers(part: ScannedPart): ArrayBuffer[] {
  return part.state.columns.flatMap((column) =>
    [column.numbers?.values, column.dates?.values].flatMap((values) =>
      values ? [values.buffer as ArrayBuffer] : [],
    ),
  );
}

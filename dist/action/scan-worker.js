import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  finishNumbers,
  readPart
} from "./chunk-4Y3A6PT4.js";
import "./chunk-HLR62EQG.js";
import "./chunk-7VMJNOUE.js";
import "./chunk-DB6VBX4O.js";
import "./chunk-AIUCNH7N.js";
import "./chunk-XU32KRXS.js";
import "./chunk-NM5J5SUB.js";
import {
  DataError
} from "./chunk-N5O7Y2C6.js";
import "./chunk-5ZRYL5NC.js";

// src/data/scan-worker.ts
import { parentPort } from "node:worker_threads";
var CHUNKS_AHEAD = 2;
if (parentPort) serve(parentPort);
function serve(port) {
  const post = (message) => port.postMessage(message);
  const queue = [];
  let ended = false;
  let wake;
  async function* chunks() {
    for (let i = 0; i < CHUNKS_AHEAD; i++) post({ type: "more" });
    for (; ; ) {
      const chunk = queue.shift();
      if (chunk) {
        post({ type: "more" });
        yield chunk;
      } else if (ended) {
        return;
      } else {
        await new Promise((resolve) => wake = resolve);
      }
    }
  }
  const failed = (error) => post({
    type: "failed",
    data: error instanceof DataError,
    message: error instanceof Error ? error.message : String(error)
  });
  port.on("message", (message) => {
    if (message.type === "job") {
      readPart(message.job, chunks(), (rows) => post({ type: "rows", rows })).then(
        (part) => port.postMessage({ type: "done", part }, buffers(part)),
        failed
      );
      return;
    }
    if (message.type === "numbers") {
      try {
        post({ type: "numbers", stats: finishNumbers(message.job) });
      } catch (error) {
        failed(error);
      }
      return;
    }
    if (message.type === "chunk") queue.push(message.bytes);
    else ended = true;
    wake?.();
    wake = void 0;
  });
}
function buffers(part) {
  return part.state.columns.flatMap(
    (column) => [column.numbers?.values, column.dates?.values].flatMap(
      (values) => values ? [values.buffer] : []
    )
  );
}

import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  expandsTooFar,
  expansionLimit
} from "./chunk-XU32KRXS.js";
import {
  DataError
} from "./chunk-N5O7Y2C6.js";

// src/data/gzip.ts
import { Readable, pipeline } from "node:stream";
import { createGunzip } from "node:zlib";
function hasGzipMagic(bytes) {
  return bytes[0] === 31 && bytes[1] === 139;
}
async function* gunzipChunks(chunks, source) {
  let compressed = 0;
  let inflated = 0;
  async function* counted() {
    for await (const chunk of chunks) {
      const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
      compressed += bytes.length;
      yield bytes;
    }
  }
  const input = Readable.from(counted(), { objectMode: true, highWaterMark: 1 });
  const gunzip = createGunzip();
  pipeline(input, gunzip, () => {
  });
  try {
    for await (const out of gunzip) {
      inflated += out.length;
      if (inflated > expansionLimit(compressed)) {
        throw expandsTooFar(source, inflated, compressed, "inflates to");
      }
      yield out;
    }
  } catch (error) {
    throw gzipError(error, source);
  }
}
function gzipError(error, source) {
  const code = error?.code;
  if (typeof code !== "string" || !code.startsWith("Z_")) return error;
  const truncated = code === "Z_BUF_ERROR";
  const reason = truncated ? "it ends in the middle of the compressed data (was it cut short while copying?)" : "it is not valid gzip data";
  return new DataError(
    `${source}: cannot be decompressed: ${reason}. Give a complete gzip file, or drop the .gz from its name if the file is not compressed.`
  );
}

export {
  hasGzipMagic,
  gunzipChunks
};

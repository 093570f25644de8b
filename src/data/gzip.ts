/**
 * gzip-compressed input (`.csv.gz`, `.jsonl.gz`): bytes are inflated as they stream in, so the
 * CSV and JSONL readers see plain text and every bound of bounds.ts (field, record and column
 * limits) holds for the inflated text; line numbers in errors count lines of that text. Input that
 * inflates past expansionLimit of the compressed bytes read so far is refused as it happens, so a
 * small file that inflates to gigabytes never gets far.
 */
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DataError } from '../errors.js';
import { expandsTooFar, expansionLimit } from './bounds.js';

/** The first two bytes of every gzip member (RFC 1952). */
export function hasGzipMagic(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The inflated bytes of gzip `chunks` (several members are read one after another). */
export async function* gunzipChunks(
  chunks: AsyncIterable<string | Uint8Array>,
  source: string,
): AsyncGenerator<Uint8Array> {
  let compressed = 0;
  let inflated = 0;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunks) {
      const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
      compressed += bytes.length;
      yield bytes;
    }
  }
  // One chunk read ahead at most, so `compressed` is what the output so far came from.
  const input = Readable.from(counted(), { objectMode: true, highWaterMark: 1 });
  const gunzip = createGunzip();
  // Errors reach the loop below through `gunzip`; leaving it (a throw) destroys both streams.
  pipeline(input, gunzip, () => {});
  try {
    for await (const out of gunzip as AsyncIterable<Uint8Array>) {
      inflated += out.length;
      if (inflated > expansionLimit(compressed)) {
        throw expandsTooFar(source, inflated, compressed, 'inflates to');
      }
      yield out;
    }
  } catch (error) {
    throw gzipError(error, source);
  }
}

/** A zlib error as a DataError naming the file; other errors (the source's) unchanged. */
function gzipError(error: unknown, source: string): unknown {
  // Not `instanceof Error`: errors of Node's own calls may come from another realm (jest's vm).
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('Z_')) return error;
  const truncated = code === 'Z_BUF_ERROR';
  const reason = truncated
    ? 'it ends in the middle of the compressed data (was it cut short while copying?)'
    : 'it is not valid gzip data';
  return new DataError(
    `${source}: cannot be decompressed: ${reason}. Give a complete gzip file, or drop the .gz ` +
      'from its name if the file is not compressed.',
  );
}

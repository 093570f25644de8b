/**
 * Snappy decompression (the raw format Parquet pages use: a varint length, then literals and
 * back-references; see google/snappy's format_description.txt), checked at every step. hyparquet
 * has its own decoder, but it trusts the lengths it reads: a literal whose 4-byte length is
 * negative sends it back to the start of memory, and it walks two billion steps before failing.
 * Here every length and offset is checked against the input and the output before it is used, so
 * the time is linear in the input and the output never exceeds `size`.
 */

/** The `size` bytes that Snappy-compressed `input` holds, or an Error saying why not. */
export function snappyDecompress(input: Uint8Array, size: number): Uint8Array {
  let pos = 0;
  let declared = 0;
  for (let shift = 0; ; shift += 7) {
    if (pos >= input.length || shift > 28) throw new Error('invalid snappy length header');
    const byte = input[pos++] as number;
    declared += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) break;
  }
  if (declared !== size) throw new Error('snappy length does not match the page');
  const output = new Uint8Array(size);
  let out = 0;
  while (pos < input.length) {
    const tag = input[pos++] as number;
    const kind = tag & 3;
    if (kind === 0) {
      // A literal: its length − 1 in the tag, or in the 1 to 4 bytes after it.
      let length = (tag >>> 2) + 1;
      if (length > 60) {
        const bytes = length - 60;
        if (pos + bytes > input.length) throw new Error('snappy literal length past the input');
        length = 1;
        for (let i = 0; i < bytes; i++) length += (input[pos + i] as number) * 2 ** (8 * i);
        pos += bytes;
      }
      if (pos + length > input.length) throw new Error('snappy literal past the input');
      if (out + length > size) throw new Error('snappy literal past the page');
      if (length < 32) {
        for (let i = 0; i < length; i++) output[out + i] = input[pos + i] as number;
      } else {
        output.set(input.subarray(pos, pos + length), out);
      }
      pos += length;
      out += length;
      continue;
    }
    // A copy of `length` bytes from `offset` bytes back, which may overlap what it writes.
    let length: number;
    let offset: number;
    if (kind === 1) {
      if (pos + 1 > input.length) throw new Error('snappy copy past the input');
      length = ((tag >>> 2) & 7) + 4;
      offset = ((tag >>> 5) << 8) + (input[pos] as number);
      pos += 1;
    } else if (kind === 2) {
      if (pos + 2 > input.length) throw new Error('snappy copy past the input');
      length = (tag >>> 2) + 1;
      offset = (input[pos] as number) + (input[pos + 1] as number) * 256;
      pos += 2;
    } else {
      if (pos + 4 > input.length) throw new Error('snappy copy past the input');
      length = (tag >>> 2) + 1;
      offset = 0;
      for (let i = 0; i < 4; i++) offset += (input[pos + i] as number) * 2 ** (8 * i);
      pos += 4;
    }
    if (offset === 0 || offset > out) throw new Error('snappy copy from before the start');
    if (out + length > size) throw new Error('snappy copy past the page');
    if (offset >= length && length >= 32) {
      output.copyWithin(out, out - offset, out - offset + length);
    } else {
      // Overlapping (a run of a short pattern): byte by byte, each reading one just written.
      for (let i = 0; i < length; i++) output[out + i] = output[out - offset + i] as number;
    }
    out += length;
  }
  if (out !== size) throw new Error('snappy data ends before the page does');
  return output;
}

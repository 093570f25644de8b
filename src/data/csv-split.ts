/**
 * Where a CSV file may be cut into byte ranges that are read on their own (one worker thread
 * each, see steps/parallel-scan.ts): at the start of a record. A line feed ends a record unless it
 * lies inside a quoted field, which only reading from the start of the file tells for certain.
 * So a cut is chosen from the bytes around it and checked afterwards:
 *
 * - chosen: the first line start at or after the target whose quote state the bytes before it
 *   settle. From a line start some way back, the tokenizer's rules (csv.ts) are run twice on the
 *   quotes alone, once as if that line start were outside a quoted field and once as if inside.
 *   When both runs agree at the candidate, its state is proven whatever came before: inside a
 *   quoted field means no cut there, try the next line; outside means a record starts there.
 *   When they disagree (no quote in the window, the common case), the candidate is taken.
 * - checked: the range before a cut is read by the exact tokenizer from the file's start, so it
 *   ends in a quoted field exactly when the cut was not at a record start, and then its read fails
 *   (an unclosed quote), and the caller reads the file on one thread instead.
 *
 * Line feeds, quotes and the delimiter are ASCII, which never occurs inside a multi-byte UTF-8
 * sequence, so bytes can be looked at without decoding.
 */

const QUOTE = 0x22;
const LF = 0x0a;

/** How far back from a candidate cut its quote state is worked out. */
export const SPLIT_LOOKBACK = 64 * 1024;

/**
 * The offset in the file of a line start at or after `target` chosen as above, or undefined when
 * `window` (the file's bytes from offset `windowStart`, reaching SPLIT_LOOKBACK before `target`
 * where the file allows) has none. `delimiter` is the file's, one ASCII character.
 */
export function recordStartNear(
  window: Uint8Array,
  windowStart: number,
  target: number,
  delimiter: string,
): number | undefined {
  const separator = delimiter.charCodeAt(0);
  let lineFeed = window.indexOf(LF, Math.max(0, target - windowStart - 1));
  while (lineFeed >= 0 && lineFeed + 1 < window.length) {
    const candidate = lineFeed + 1;
    // The first line start in the lookback: the line feed before `candidate` bounds the search.
    const from = window.indexOf(LF, Math.max(0, candidate - SPLIT_LOOKBACK - 1)) + 1;
    if (settledQuoteState(window, from, candidate, separator) !== true) {
      return windowStart + candidate;
    }
    lineFeed = window.indexOf(LF, candidate);
  }
  return undefined;
}

/**
 * Whether `to` (a line start) lies inside a quoted field, when that follows from the quotes in
 * [from, to) whatever the state at `from` (a line start too); undefined when it does not.
 */
function settledQuoteState(
  bytes: Uint8Array,
  from: number,
  to: number,
  separator: number,
): boolean | undefined {
  const outside = quotedAt(bytes, from, to, separator, false);
  const inside = quotedAt(bytes, from, to, separator, true);
  return outside === inside ? outside : undefined;
}

/**
 * Whether the tokenizer is inside a quoted field at `to`, having been inside one at `from` or
 * not (`quoted`). Only quotes change that state: one at the start of a field (after a delimiter
 * or a line feed read outside quotes) opens a quoted field, the next one closes it unless it is
 * doubled, and any other quote is a literal character.
 */
function quotedAt(
  bytes: Uint8Array,
  from: number,
  to: number,
  separator: number,
  quoted: boolean,
): boolean {
  let inside = quoted;
  for (let quote = bytes.indexOf(QUOTE, from); quote >= 0 && quote < to;) {
    if (inside) {
      // A doubled quote is an escaped one; the line feed at to - 1 keeps quote + 1 below `to`.
      if (bytes[quote + 1] === QUOTE) {
        quote = bytes.indexOf(QUOTE, quote + 2);
        continue;
      }
      inside = false;
    } else {
      // `from` follows a line feed, so bytes[quote - 1] is always in the window.
      const before = bytes[quote - 1];
      inside = before === separator || before === LF;
    }
    quote = bytes.indexOf(QUOTE, quote + 1);
  }
  return inside;
}

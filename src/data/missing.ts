/** What counts as a missing value in text data, compared trimmed and lower-cased. */
const MISSING_TOKENS = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?']);

/** The tokens grouped by length, so a short cell is compared only with tokens it could equal. */
const TOKENS_BY_LENGTH: string[][] = [];
for (const token of MISSING_TOKENS) (TOKENS_BY_LENGTH[token.length] ??= []).push(token);

/** True when a raw cell holds no value (empty, or a conventional NA token, any case). */
export function isMissing(value: unknown): boolean {
  // Strings first: readTable calls this once per CSV cell, so it is the hot case.
  if (typeof value === 'string') return isMissingText(value);
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return Number.isNaN(value);
  return false;
}

/**
 * Same answer as `MISSING_TOKENS.has(text.trim().toLowerCase())`, without allocating for the
 * usual cell: one that trim() would leave alone is either too long to be a token or compared with
 * the tokens of its length in place.
 */
function isMissingText(text: string): boolean {
  const length = text.length;
  if (length === 0) return true;
  if (mayBeTrimmed(text.charCodeAt(0)) || mayBeTrimmed(text.charCodeAt(length - 1))) {
    return MISSING_TOKENS.has(text.trim().toLowerCase());
  }
  // Checked before indexing: reading past an array's end is a slow path in V8.
  if (length >= TOKENS_BY_LENGTH.length) return false;
  const candidates = TOKENS_BY_LENGTH[length];
  if (candidates === undefined) return false;
  for (const token of candidates) if (equalsLowerCaseToken(text, token)) return true;
  return false;
}

/**
 * Whether String.prototype.trim could remove this code unit. Below 128 it answers yes for every
 * control character and space (a superset, which only sends a cell down the exact path); above,
 * it lists the exact Unicode white space and line terminators trim() removes.
 */
function mayBeTrimmed(code: number): boolean {
  if (code < 128) return code <= 32;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Case-insensitive equality with a lower-case token of the same length. Folding ASCII upper case
 * is enough: no other character lower-cases to a letter or symbol used in a token.
 */
function equalsLowerCaseToken(text: string, token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const code = text.charCodeAt(i);
    const expected = token.charCodeAt(i);
    if (code === expected) continue;
    const isLetter = expected >= 0x61 && expected <= 0x7a;
    if (!isLetter || code !== expected - 0x20) return false;
  }
  return true;
}

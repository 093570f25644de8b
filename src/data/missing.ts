/** The tokens that mean "no value" unless data.na_values says otherwise (any case, trimmed). */
export const DEFAULT_NA_VALUES = ['', 'NA', 'N/A', 'NaN', 'null', 'None', '?'];

/** Tells whether a raw cell holds no value; made once per token set by `missingMatcher`. */
export type MissingMatcher = (value: unknown) => boolean;

/**
 * A matcher for `tokens` (compared trimmed and case-insensitively; an empty cell is always
 * missing). readTable calls it once per CSV cell, so the usual cell is decided without allocating.
 */
export function missingMatcher(tokens: readonly string[]): MissingMatcher {
  const normalized = new Set(['', ...tokens.map((token) => token.trim().toLowerCase())]);
  // Folding ASCII upper case in place is exact only when every token is ASCII.
  const ascii = [...normalized].every((token) => /^[\x20-\x7e]*$/.test(token));
  const byLength: string[][] = [];
  for (const token of normalized) (byLength[token.length] ??= []).push(token);
  const exact = (text: string) => normalized.has(text.trim().toLowerCase());
  const isMissingText = (text: string): boolean => {
    const length = text.length;
    if (length === 0) return true;
    if (!ascii || mayBeTrimmed(text.charCodeAt(0)) || mayBeTrimmed(text.charCodeAt(length - 1))) {
      return exact(text);
    }
    // Checked before indexing: reading past an array's end is a slow path in V8.
    if (length >= byLength.length) return false;
    const candidates = byLength[length];
    if (candidates === undefined) return false;
    for (const token of candidates) if (equalsLowerCaseToken(text, token)) return true;
    return false;
  };
  return (value) => {
    // Strings first: the hot case.
    if (typeof value === 'string') return isMissingText(value);
    return isAbsent(value);
  };
}

/**
 * True for a cell already read: readTable turns missing cells into null, so later steps must not
 * look at tokens again (data.na_values may keep "None" as a value).
 */
export function isAbsent(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    value === '' ||
    (typeof value === 'number' && Number.isNaN(value))
  );
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

/** Case-insensitive equality with a lower-case ASCII token of the same length, without allocating. */
function equalsLowerCaseToken(text: string, token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const code = text.charCodeAt(i);
    const expected = token.charCodeAt(i);
    if (code === expected) continue;
    const isLetter = expected >= 0x61 && expected <= 0x7a;
    // U+212A KELVIN SIGN is the one non-ASCII character that lower-cases to an ASCII letter (k).
    const folds = code === expected - 0x20 || (expected === 0x6b && code === 0x212a);
    if (!isLetter || !folds) return false;
  }
  return true;
}

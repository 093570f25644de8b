import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);

// src/data/missing.ts
var DEFAULT_NA_VALUES = ["", "NA", "N/A", "NaN", "null", "None", "?"];
function missingMatcher(tokens) {
  const normalized = /* @__PURE__ */ new Set(["", ...tokens.map((token) => token.trim().toLowerCase())]);
  const ascii = [...normalized].every((token) => /^[\x20-\x7e]*$/.test(token));
  const byLength = [];
  for (const token of normalized) (byLength[token.length] ??= []).push(token);
  const exact = (text) => normalized.has(text.trim().toLowerCase());
  const isMissingText = (text) => {
    const length = text.length;
    if (length === 0) return true;
    if (!ascii || mayBeTrimmed(text.charCodeAt(0)) || mayBeTrimmed(text.charCodeAt(length - 1))) {
      return exact(text);
    }
    if (length >= byLength.length) return false;
    const candidates = byLength[length];
    if (candidates === void 0) return false;
    for (const token of candidates) if (equalsLowerCaseToken(text, token)) return true;
    return false;
  };
  return (value) => {
    if (typeof value === "string") return isMissingText(value);
    return isAbsent(value);
  };
}
function isAbsent(value) {
  return value === null || value === void 0 || value === "" || typeof value === "number" && Number.isNaN(value);
}
function mayBeTrimmed(code) {
  if (code < 128) return code <= 32;
  return code === 160 || code === 5760 || code >= 8192 && code <= 8202 || code === 8232 || code === 8233 || code === 8239 || code === 8287 || code === 12288 || code === 65279;
}
function equalsLowerCaseToken(text, token) {
  for (let i = 0; i < token.length; i++) {
    const code = text.charCodeAt(i);
    const expected = token.charCodeAt(i);
    if (code === expected) continue;
    const isLetter = expected >= 97 && expected <= 122;
    const folds = code === expected - 32 || expected === 107 && code === 8490;
    if (!isLetter || !folds) return false;
  }
  return true;
}

export {
  DEFAULT_NA_VALUES,
  missingMatcher,
  isAbsent
};

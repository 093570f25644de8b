import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  DataError
} from "./chunk-N5O7Y2C6.js";

// src/data/kinds.ts
var DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
var DECIMAL_COMMA = /^([+-]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/;
var INFINITY_TOKENS = /* @__PURE__ */ new Map([
  ["inf", Infinity],
  ["+inf", Infinity],
  ["-inf", -Infinity],
  ["infinity", Infinity],
  ["+infinity", Infinity],
  ["-infinity", -Infinity]
]);
var TRUE_TOKENS = /* @__PURE__ */ new Set(["true", "t", "yes", "y", "1"]);
var FALSE_TOKENS = /* @__PURE__ */ new Set(["false", "f", "no", "n", "0"]);
var DATE = /^(\d{4})([-/])(\d{2})\2(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
var MIN_CATEGORIES = 20;
var MAX_UNIQUE_SHARE = 0.05;
var MAX_CATEGORY_LENGTH = 30;
var MAX_NON_NUMERIC_SHARE = 0.01;
function parseNumber(value) {
  if (typeof value === "number") return Number.isNaN(value) ? null : value;
  if (typeof value !== "string") return null;
  const simple = parseShortDecimal(value);
  if (simple !== void 0) return simple;
  if (!mayStartNumber(value.charCodeAt(0))) return null;
  const text = value.trim();
  if (DECIMAL.test(text)) return Number(text);
  return INFINITY_TOKENS.get(text.toLowerCase()) ?? null;
}
function mayStartNumber(code) {
  if (code <= 32 || code >= 128) return true;
  if (code >= 48 && code <= 57) return true;
  return code === 43 || code === 45 || code === 46 || code === 73 || code === 105;
}
var POWERS_OF_TEN = [
  1,
  10,
  100,
  1e3,
  1e4,
  1e5,
  1e6,
  1e7,
  1e8,
  1e9,
  1e10,
  1e11,
  1e12,
  1e13,
  1e14,
  1e15
];
function parseShortDecimal(text) {
  const length = text.length;
  let i = 0;
  const sign = text.charCodeAt(0);
  if (sign === 43 || sign === 45) i++;
  let digits = 0;
  let mantissa = 0;
  let point = -1;
  for (; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      mantissa = mantissa * 10 + (code - 48);
      digits++;
    } else if (code === 46 && point < 0) {
      point = i;
    } else {
      return void 0;
    }
  }
  if (digits === 0 || digits > 15) return void 0;
  const scale = point < 0 ? 1 : POWERS_OF_TEN[length - point - 1];
  const magnitude = mantissa / scale;
  return sign === 45 ? -magnitude : magnitude;
}
function decimalCommaToPoint(text) {
  const match = DECIMAL_COMMA.exec(text.trim());
  if (!match) return null;
  const [, sign = "", whole = "", fraction] = match;
  return `${sign}${whole.replaceAll(".", "")}${fraction === void 0 ? "" : `.${fraction}`}`;
}
function readsAsDecimalComma(present) {
  let commas = 0;
  for (const value of present) {
    if (parseNumber(value) !== null) continue;
    if (typeof value !== "string" || !value.includes(",") || decimalCommaToPoint(value) === null) {
      return false;
    }
    commas++;
  }
  return commas > 0;
}
function allowedNonNumeric(count) {
  return Math.floor(MAX_NON_NUMERIC_SHARE * count);
}
function kindParser(kind) {
  switch (kind) {
    case "numeric":
      return parseNumber;
    case "boolean":
      return parseBoolean;
    case "date":
      return parseDate;
    default:
      return void 0;
  }
}
function parseBoolean(value) {
  if (typeof value === "boolean") return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value !== "string") return null;
  const text = value.trim().toLowerCase();
  if (TRUE_TOKENS.has(text)) return true;
  if (FALSE_TOKENS.has(text)) return false;
  return null;
}
function parseDate(value) {
  if (typeof value !== "string") return null;
  const plain = parsePlainDate(value);
  if (plain !== void 0) return plain;
  const match = DATE.exec(value.trim());
  if (!match) return null;
  const [, year, , month, day, hour, minute, second, fraction, offset] = match;
  const y = Number(year);
  const m = Number(month) - 1;
  const d = Number(day);
  if (!isCalendarDate(y, m, d)) return null;
  if (hour === void 0) return Date.UTC(y, m, d);
  const h = Number(hour);
  const min = Number(minute);
  const s = second === void 0 ? 0 : Number(second);
  if (h > 23 || min > 59 || s > 59) return null;
  const ms = fraction === void 0 ? 0 : Number(fraction.padEnd(3, "0").slice(0, 3));
  return Date.UTC(y, m, d, h, min, s, ms) - offsetMinutes(offset) * 6e4;
}
function parsePlainDate(text) {
  if (text.length !== 10) return void 0;
  const separator = text.charCodeAt(4);
  if (separator !== 45 && separator !== 47 || text.charCodeAt(7) !== separator) {
    return void 0;
  }
  const y = digitsAt(text, 0, 4);
  const m = digitsAt(text, 5, 2) - 1;
  const d = digitsAt(text, 8, 2);
  if (Number.isNaN(y + m + d)) return void 0;
  return isCalendarDate(y, m, d) ? Date.UTC(y, m, d) : null;
}
function digitsAt(text, start, count) {
  let number = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    number = number * 10 + digit;
  }
  return number;
}
var DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function isCalendarDate(y, m, d) {
  if (y < 100 || m < 0 || m > 11 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 1 && leap ? 29 : DAYS_IN_MONTH[m]);
}
function offsetMinutes(offset) {
  if (!offset || offset.toUpperCase() === "Z") return 0;
  const digits = offset.slice(1).replace(":", "");
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return offset.startsWith("-") ? -minutes : minutes;
}
function stringKind(unique, count, avgLength) {
  if (unique <= MIN_CATEGORIES) return "categorical";
  const fewUnique = unique <= MAX_UNIQUE_SHARE * count;
  return fewUnique && avgLength <= MAX_CATEGORY_LENGTH ? "categorical" : "text";
}
var IDENTIFIER_SAMPLE = 1e3;
var MAX_IDENTIFIER_FORMS_SHARE = 0.05;
var HEX_ID = /^[0-9a-f-]{8,}$/i;
var TOKEN_ID = /^[0-9a-z+/=_-]{16,}$/i;
var DIGIT = /\d/;
function hasIdentifierShape(distinct) {
  if (distinct.length === 0) return false;
  const withDigit = distinct.filter((value) => DIGIT.test(value)).length;
  const random = distinct.every((value) => HEX_ID.test(value)) || distinct.every((value) => TOKEN_ID.test(value));
  if (random && withDigit * 2 >= distinct.length) return true;
  if (withDigit < distinct.length) return false;
  const forms = new Set(distinct.map((value) => value.replace(/\d+/g, "0")));
  return forms.size <= Math.max(1, MAX_IDENTIFIER_FORMS_SHARE * distinct.length);
}

// src/util/moments.ts
function meanAndStd(values, column) {
  let largest = 0;
  for (let i = 0; i < values.length; i++) {
    largest = Math.max(largest, Math.abs(values[i]));
  }
  if (values.length === 0 || largest === 0) return { mean: 0, std: 0 };
  const scale = 2 ** Math.min(Math.floor(Math.log2(largest)), 1023);
  let count = 0;
  let mean = 0;
  let sumSquares = 0;
  for (let i = 0; i < values.length; i++) {
    const scaled = values[i] / scale;
    count++;
    const delta = scaled - mean;
    mean += delta / count;
    sumSquares += delta * (scaled - mean);
  }
  const moments = { mean: mean * scale, std: Math.sqrt(sumSquares / count) * scale };
  if (!Number.isFinite(moments.mean) || !Number.isFinite(moments.std)) {
    throw new DataError(
      `column "${column}": values are too large to standardise (up to ${largest}); rescale the column (e.g. to other units) before training.`
    );
  }
  return moments;
}
function standardize(value, { mean, std }) {
  const z = (value - mean) / std;
  return Number.isFinite(z) ? z : value / std - mean / std;
}

export {
  parseNumber,
  decimalCommaToPoint,
  readsAsDecimalComma,
  allowedNonNumeric,
  kindParser,
  parseBoolean,
  parseDate,
  stringKind,
  IDENTIFIER_SAMPLE,
  hasIdentifierShape,
  meanAndStd,
  standardize
};

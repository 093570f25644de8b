import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  formatNumber
} from "./chunk-NM5J5SUB.js";

// src/safety/markdown.ts
var MAX_SHOWN = 200;
var LINE_ENDS = /\r\n|[\n\v\f\r\u0085\u2028\u2029]/g;
var CONTROLS = /[\0-\b\n-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;
var LINKED = /[@#]|GH-(?=\d)|:(?=\/\/)|www(?=\.)/gi;
var WORD_JOINER = "\u2060";
var SIGNIFICANT = /[&<>`[\]*~|\\$]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;
var NAMED = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
function inlineText(text, max = MAX_SHOWN) {
  return escapeMarkup(oneLine(text, max).replace(LINKED, `$&${WORD_JOINER}`));
}
function codeText(text, max = MAX_SHOWN) {
  return inlineText(text, max);
}
function linkText(text, max = MAX_SHOWN) {
  return escapeMarkup(oneLine(text, max));
}
function commentText(text) {
  return text.replace(LINE_ENDS, " ").replace(/[<>]/g, " ");
}
function oneLine(text, max) {
  return cut(text, max).replace(LINE_ENDS, " ");
}
function escapeMarkup(text) {
  return text.replace(SIGNIFICANT, reference).replace(CONTROLS, codePoint);
}
function cut(text, max) {
  if (text.length <= max) return text;
  const points = Array.from(text.slice(0, 2 * (max + 1)));
  return points.length <= max ? text : `${points.slice(0, max - 1).join("")}\u2026`;
}
function reference(char) {
  return NAMED[char] ?? `&#${char.codePointAt(0)};`;
}
function codePoint(char) {
  return `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}

// src/report/format.ts
function formatDelta(value) {
  if (value === null || value === void 0 || !Number.isFinite(value)) return "\u2014";
  return `${value >= 0 ? "+" : ""}${formatNumber(value)}`;
}
var CELL_LIMIT = 1e3;
function markdownTable(header, rows) {
  const line = (cells) => `| ${cells.map((cell) => inlineText(cell, CELL_LIMIT)).join(" | ")} |`;
  const divider = `| ${header.map(() => "---").join(" | ")} |`;
  return [line(header), divider, ...rows.map(line)].join("\n");
}

export {
  inlineText,
  codeText,
  linkText,
  commentText,
  formatDelta,
  markdownTable
};

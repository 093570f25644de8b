import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);

// src/util/text.ts
function firstLine(text) {
  return text.split("\n")[0] ?? text;
}
function errorMessage(error) {
  return error instanceof Error ? error.message : String(error);
}
function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function formatNumber(value, digits = 4) {
  if (value === null || value === void 0 || Number.isNaN(value)) return "\u2014";
  if (!Number.isFinite(value)) return value > 0 ? "\u221E" : "-\u221E";
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const rounded = Number(value.toPrecision(digits));
  return Math.abs(rounded) >= 1e9 ? rounded.toExponential() : String(rounded);
}
function summarizeMetrics(metrics, count = 3) {
  return Object.entries(metrics).slice(0, count).map(([name, value]) => `${name} ${formatNumber(value)}`).join(", ");
}

export {
  firstLine,
  errorMessage,
  compareText,
  formatNumber,
  summarizeMetrics
};

import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  inlineText,
  markdownTable
} from "./chunk-WEDFPIX2.js";
import {
  formatNumber
} from "./chunk-NM5J5SUB.js";

// src/report/leaderboard.ts
var LEADERBOARD_ROWS = 20;
function renderLeaderboard(board, rows = LEADERBOARD_ROWS) {
  const metric = `validation ${board.metric}`;
  const keys = [...new Set(board.trials.flatMap((trial) => Object.keys(trial.params)))];
  const table = markdownTable(
    ["rank", "trial", ...keys, metric],
    board.trials.slice(0, rows).map((trial) => [
      String(trial.rank),
      trial.trial,
      ...keys.map((key) => key in trial.params ? JSON.stringify(trial.params[key]) : ""),
      formatNumber(trial.value)
    ])
  );
  const notes = [
    board.trials.length > rows && `${board.trials.length - rows} more trials in tune/leaderboard.md of the run's outputs.`,
    board.missing.length > 0 && `No result from ${board.missing.length} planned trial(s): ${inlineText(board.missing.join(", "))}.`
  ].filter((note) => typeof note === "string");
  const total = board.trials.length + board.missing.length;
  return [
    `<details><summary>Tuning: trial ${inlineText(board.best)} is the best of ${total} (${inlineText(board.search)} search) by ${inlineText(metric)}</summary>`,
    "",
    table,
    ...notes.flatMap((note) => ["", note]),
    "",
    "</details>"
  ].join("\n");
}

export {
  renderLeaderboard
};

/**
 * The tuning leaderboard as markdown: folded into the report (its first rows) and written whole
 * to leaderboard.md. Keys and values come from a config a pull request may have written, and the
 * leaderboard file itself from an artifact: every cell is escaped.
 */
import { inlineText } from '../safety/markdown.js';
import { formatNumber, markdownTable } from './format.js';

/** Rows of the leaderboard the report shows; leaderboard.md has them all. */
export const LEADERBOARD_ROWS = 20;

/** What the leaderboard shows: trials best first, ranked by `metric` on the validation split. */
export interface LeaderboardInput {
  search: string;
  metric: string;
  best: string;
  trials: { rank: number; trial: string; params: Record<string, unknown>; value: number | null }[];
  /** Planned trials without a result. */
  missing: string[];
}

/** The leaderboard in a `<details>` block, with at most `rows` trials listed. */
export function renderLeaderboard(board: LeaderboardInput, rows = LEADERBOARD_ROWS): string {
  const metric = `validation ${board.metric}`;
  const keys = [...new Set(board.trials.flatMap((trial) => Object.keys(trial.params)))];
  const table = markdownTable(
    ['rank', 'trial', ...keys, metric],
    board.trials
      .slice(0, rows)
      .map((trial) => [
        String(trial.rank),
        trial.trial,
        ...keys.map((key) => (key in trial.params ? JSON.stringify(trial.params[key]) : '')),
        formatNumber(trial.value),
      ]),
  );
  const notes = [
    board.trials.length > rows &&
      `${board.trials.length - rows} more trials in tune/leaderboard.md of the run's outputs.`,
    board.missing.length > 0 &&
      `No result from ${board.missing.length} planned trial(s): ${inlineText(board.missing.join(', '))}.`,
  ].filter((note): note is string => typeof note === 'string');
  const total = board.trials.length + board.missing.length;
  return [
    `<details><summary>Tuning: trial ${inlineText(board.best)} is the best of ${total} (${inlineText(board.search)} search) by ${inlineText(metric)}</summary>`,
    '',
    table,
    ...notes.flatMap((note) => ['', note]),
    '',
    '</details>',
  ].join('\n');
}

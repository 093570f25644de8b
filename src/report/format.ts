/** Number and table formatting shared by the report and the model card. */
import { inlineText } from '../safety/markdown.js';
import { formatNumber } from '../util/text.js';

export { formatNumber };

/** A signed delta, like +0.0123 or -0.004. */
export function formatDelta(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${value >= 0 ? '+' : ''}${formatNumber(value)}`;
}

/**
 * Longest table cell shown: cells are our own sentences (an anomaly's remedy) around data that
 * was already cut to an excerpt where it was recorded, so only a runaway cell is cut here.
 */
const CELL_LIMIT = 1000;

/** A markdown table of plain-text cells, each made inert with inlineText. */
export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) =>
    `| ${cells.map((cell) => inlineText(cell, CELL_LIMIT)).join(' | ')} |`;
  const divider = `| ${header.map(() => '---').join(' | ')} |`;
  return [line(header), divider, ...rows.map(line)].join('\n');
}

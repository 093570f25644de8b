/** Number, text and table formatting shared by the report and the model card. */
import { formatNumber } from '../util/text.js';

export { formatNumber };

/** A signed delta, like +0.0123 or -0.004. */
export function formatDelta(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${value >= 0 ? '+' : ''}${formatNumber(value)}`;
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '`': '&#96;',
  '[': '&#91;',
  ']': '&#93;',
};

/**
 * Data-derived text made inert in markdown: HTML (so a value cannot close a `<details>`, hide the
 * rest as a comment or fake the report marker), code spans, links and images all show as typed.
 */
export function escapeText(text: string): string {
  return text.replace(/[&<>`[\]]/g, (char) => ENTITIES[char] ?? char);
}

/** A markdown table of plain-text cells: escaped with escapeText, `|` and newlines too. */
export function markdownTable(header: string[], rows: string[][]): string {
  const escape = (cell: string) => escapeText(cell).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const line = (cells: string[]) => `| ${cells.map(escape).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Small text helpers shared by messages and reports. */

/** The first line of a (possibly multi-line) message. */
export function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

/** A human-readable error message from anything thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Orders strings by UTF-16 code unit, like the default sort: unlike localeCompare, the result
 * (and so class order, vocabularies and reports) does not change with the machine's locale.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A number for people: integers exactly, others to `digits` significant digits without trailing
 * zeros (0.8735, 0.00123, 1.235e+9), ∞ for infinities and an em dash when absent.
 */
export function formatNumber(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const rounded = Number(value.toPrecision(digits));
  // String() writes 1234500000 in full; past a billion the exponent is easier to read.
  return Math.abs(rounded) >= 1e9 ? rounded.toExponential() : String(rounded);
}

/** The first few metrics as `name value` pairs, for one-line summaries in logs. */
export function summarizeMetrics(metrics: Record<string, number>, count = 3): string {
  return Object.entries(metrics)
    .slice(0, count)
    .map(([name, value]) => `${name} ${formatNumber(value)}`)
    .join(', ');
}

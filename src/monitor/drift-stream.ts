/**
 * Values read from the logs — a version's inputs, its outputs, the labels sent back — streamed
 * into the statistics accumulators validation uses, on a reference's kinds and drift edges, then
 * tested against that reference as validation tests new data. Memory holds the accumulators and
 * one batch of rows, never the logs.
 */
import { TableAccumulator } from '../data/column-accumulator.js';
import { detectDrift, type DriftOptions } from '../data/drift.js';
import type { DatasetStats, RawValue, ValueKind } from '../data/types.js';
import type { DriftInput } from '../report/drift.js';

/** What streamed values are tested against. */
export interface DriftReference {
  statistics: DatasetStats;
  /** The statistics' drift histogram edges by column, so values are counted on the same buckets. */
  driftEdges: Record<string, readonly number[]>;
  /** For people: `the training statistics of churn@v1.2.0`. */
  label: string;
}

/** Rows handed to the accumulator at once. */
const BATCH_ROWS = 1000;

/** Rows of `columns` counted against `reference`, then tested for drift. */
export class DriftStream {
  /** Rows added. */
  count = 0;
  private readonly accumulator: TableAccumulator;
  private batch: RawValue[][] = [];

  constructor(
    private readonly reference: DriftReference,
    private readonly columns: readonly string[],
  ) {
    this.accumulator = new TableAccumulator(referenceKinds(reference.statistics, columns), {
      driftEdges: reference.driftEdges,
    });
  }

  /** Adds one row, its values aligned to the columns. */
  add(row: RawValue[]): void {
    this.count++;
    this.batch.push(row);
    if (this.batch.length >= BATCH_ROWS) this.flush();
  }

  /** The drift of the rows added from the reference, with `options` for the tests. */
  test(options: DriftOptions): DriftInput {
    this.flush();
    const current = this.accumulator.finish();
    const { statistics, label } = this.reference;
    return {
      baseline: { source: 'registry', label },
      report: detectDrift(statistics, current, { ...options, columns: this.columns }),
      reference: statistics,
      current,
    };
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    const start = this.count - this.batch.length;
    this.accumulator.add({
      columns: [...this.columns],
      rows: this.batch,
      lines: this.batch.map((_, i) => start + i + 1),
    });
    this.batch = [];
  }
}

/** The reference's kind of each column, so streamed values are read as the reference read them. */
function referenceKinds(
  statistics: DatasetStats,
  columns: readonly string[],
): Record<string, ValueKind> {
  const wanted = new Set(columns);
  const kinds: Record<string, ValueKind> = Object.create(null) as Record<string, ValueKind>;
  for (const column of statistics.columns) {
    if (wanted.has(column.name) && column.kind !== 'empty') kinds[column.name] = column.kind;
  }
  return kinds;
}

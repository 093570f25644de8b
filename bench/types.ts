/** Shapes shared by the benchmarks, which `bench/run.ts` prints side by side. */

/** One measured figure. */
export interface BenchRow {
  /** What was measured, e.g. "csv: readCsvRecords (64 KiB byte chunks)". */
  name: string;
  value: number;
  /** Unit of `value`, e.g. "rows/s". */
  unit: string;
  /** A figure measured in the same run to read this one against, e.g. "udsv 2.1M rows/s". */
  reference?: string;
}

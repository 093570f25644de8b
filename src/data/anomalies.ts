/**
 * Data anomalies: statistics checked against the schema, named and graded like TFDV's
 * (https://www.tensorflow.org/tfx/data_validation/anomalies). For the counts to be exact, compute
 * the statistics with the schema's kinds and checks (`schemaKinds`, `schemaChecks`), as validate's
 * streaming scan does (steps/dataset.ts `scanDataset`); without the checks,
 * values out of range or domain are estimated from min/max, quantiles and top values.
 */
import { excerpt } from './bounds.js';
import { DISTINCT_LIMIT } from './drift.js';
import { decimalCommaToPoint, kindParser } from './kinds.js';
import type {
  Anomaly,
  ColumnStats,
  DatasetStats,
  FeatureSchema,
  Schema,
  Severity,
  ValueKind,
} from './types.js';

export interface AnomalyOptions {
  /** Fewer rows than this is a DATASET_LOW_NUM_EXAMPLES error (default 10). */
  minExamples?: number;
  /**
   * data.ignore: columns the model does not use, so a schema feature among them that is missing
   * from the data only warns; any other missing feature is an error.
   */
  ignore?: readonly string[];
}

const DEFAULT_MIN_EXAMPLES = 10;
/**
 * Values outside a feature's domain or range below this share of its values only warn; from it
 * they are an error. The label's unexpected values are always an error.
 */
const ERROR_SHARE = 0.01;
/**
 * A presence this many standard errors (of a sample of the data's size at minPresence) or less
 * below minPresence may be chance, and only warns; further below it is an error.
 */
const PRESENCE_SIGMAS = 3;
const EXAMPLES_SHOWN = 5;
const UPDATE_SCHEMA = 'update the schema with `mlops validate --update-schema`';
const SET_DECIMAL_COMMA = 'set data.decimal: "," in mlops.yml';

/** All anomalies of `stats` against `schema`: dataset, then schema features in order, then new columns. */
export function detectAnomalies(
  stats: DatasetStats,
  schema: Schema,
  options: AnomalyOptions = {},
): Anomaly[] {
  const minExamples = options.minExamples ?? DEFAULT_MIN_EXAMPLES;
  const anomalies: Anomaly[] = [];
  if (stats.rows < minExamples) {
    anomalies.push({
      column: null,
      type: 'DATASET_LOW_NUM_EXAMPLES',
      severity: 'ERROR',
      description: `The data has ${stats.rows} rows, fewer than the ${minExamples} required. Check that the whole file was read and that upstream filtering did not drop rows.`,
    });
  }
  const columns = new Map(stats.columns.map((column) => [column.name, column]));
  const ignored = new Set(options.ignore ?? []);
  for (const feature of schema.features) {
    const column = columns.get(feature.name);
    const isLabel = feature.name === schema.label;
    if (column) anomalies.push(...featureAnomalies(feature, column, stats.rows, isLabel));
    else anomalies.push(missingColumn(feature, isLabel, ignored.has(feature.name)));
  }
  const known = new Set(schema.features.map((feature) => feature.name));
  for (const column of stats.columns) {
    if (known.has(column.name)) continue;
    anomalies.push({
      column: column.name,
      type: 'SCHEMA_NEW_COLUMN',
      severity: 'WARNING',
      description: `Column ${quoted(column.name)} (${column.kind}) is in the data but not in the schema, so it is not validated. If it is expected, ${UPDATE_SCHEMA}.`,
    });
  }
  return anomalies;
}

/**
 * SCHEMA_MISSING_COLUMN: an error, as the model uses the feature (the label to train at all),
 * except for a column in data.ignore, which only warns.
 */
function missingColumn(feature: FeatureSchema, isLabel: boolean, ignored: boolean): Anomaly {
  const name = quoted(feature.name);
  if (ignored && !isLabel) {
    return {
      column: feature.name,
      type: 'SCHEMA_MISSING_COLUMN',
      severity: 'WARNING',
      description: `Column ${name} is missing from the data; it is in data.ignore, so the model does not use it. Remove it from the schema if it was dropped on purpose.`,
    };
  }
  const why = isLabel ? 'it is the label' : 'the model uses it as a feature';
  return {
    column: feature.name,
    type: 'SCHEMA_MISSING_COLUMN',
    severity: 'ERROR',
    description: `Column ${name} is missing from the data and ${why}. Restore the column; if it was dropped on purpose, remove it from the schema (${UPDATE_SCHEMA}) so the model is trained without it, or list it in data.ignore.`,
  };
}

function featureAnomalies(
  feature: FeatureSchema,
  column: ColumnStats,
  rows: number,
  isLabel: boolean,
): Anomaly[] {
  const anomalies: Anomaly[] = [];
  const anomaly = (type: string, severity: Severity, description: string) =>
    anomalies.push({ column: feature.name, type, severity, description });
  const name = quoted(feature.name);

  if (rows > 0 && column.count / rows < feature.minPresence) {
    anomalies.push(lowPresence(feature, column.count, rows));
  }
  if (column.count === 0) return anomalies;

  if (!kindsCompatible(feature.kind, column.kind)) {
    const examples = (column.categorical?.top ?? [])
      .map((entry) => entry.value)
      .filter((value) => kindParser(feature.kind)?.(value) === null)
      .slice(0, EXAMPLES_SHOWN);
    anomaly(
      'UNEXPECTED_DATA_TYPE',
      feature.kind === 'empty' ? 'WARNING' : 'ERROR',
      `${name} is ${feature.kind} in the schema but its values read as ${column.kind}${examples.length > 0 ? ` (e.g. ${quoteAll(examples)})` : ''}. Fix the values, or ${UPDATE_SCHEMA} if the column changed on purpose.`,
    );
    return anomalies;
  }

  const invalid = column.invalid;
  const invalidText = invalid ? describeInvalid(invalid, column.count, feature.kind) : '';
  const fixValues = `Fix the values at the source, or ${UPDATE_SCHEMA} if the column changed on purpose.`;
  // A column with a few bad cells is still inferred numeric, so updating the schema cannot help.
  const fixCells =
    'Fix those cells at the source, list their text in data.na_values if it means "missing", ' +
    'or set the column\'s kind to "categorical" in the schema if it holds text.';
  const numeric = column.numeric;
  switch (feature.kind) {
    case 'numeric': {
      if (feature.integer) {
        const fractional = numeric && !numeric.integer ? 'some values have a fractional part' : '';
        const found = [invalidText, fractional].filter(Boolean).join('; ');
        if (found) {
          anomaly(
            'INT_TYPE_NOT_INT_STRING',
            'ERROR',
            `${name} must hold integers: ${found}. ${invalidText ? fixCells : fixValues}`,
          );
        }
      } else if (invalid) {
        anomaly(
          'FLOAT_TYPE_STRING_NOT_FLOAT',
          'ERROR',
          `${name} must hold numbers: ${invalidText}. ${fixCells}`,
        );
      }
      if (numeric && numeric.nonFinite > 0) {
        anomaly(
          'FLOAT_TYPE_HAS_INF',
          'ERROR',
          `${name} has ${numeric.nonFinite} infinite values, which break scaling and training. Replace them at the source with a finite value or leave the cell empty (missing).`,
        );
      }
      if (numeric) anomalies.push(...rangeAnomalies(feature, column, numeric));
      break;
    }
    case 'boolean':
      if (invalid) {
        anomaly(
          'BOOL_TYPE_UNEXPECTED_STRING',
          'ERROR',
          `${name} must hold true/false, yes/no, t/f, y/n or 1/0: ${invalidText}. ${fixValues}`,
        );
      }
      break;
    case 'date':
      // TFDV has no date type; the name follows its FLOAT_TYPE_STRING_NOT_FLOAT pattern.
      if (invalid) {
        anomaly(
          'DATE_TYPE_STRING_NOT_DATE',
          'ERROR',
          `${name} must hold ISO 8601 dates (2024-01-31, 2024-01-31T10:00:00Z) or YYYY/MM/DD: ${invalidText}. ${fixValues}`,
        );
      }
      break;
    case 'categorical':
    case 'text':
    case 'empty':
      break;
  }
  // Categorical domains, and a classification label's classes whatever its kind.
  const unexpected = feature.values ? unexpectedValues(feature, column, isLabel) : null;
  if (unexpected) anomalies.push(unexpected);
  // Set on categorical and text statistics only.
  if (column.decimalComma) anomalies.push(decimalCommaNumbers(feature));
  return anomalies;
}

/**
 * How many values are not of `kind`, with examples and the first lines holding one; numbers
 * written with a decimal comma get the setting that reads them.
 */
function describeInvalid(
  invalid: NonNullable<ColumnStats['invalid']>,
  count: number,
  kind: ValueKind,
): string {
  const noun = kind === 'numeric' ? 'numbers' : `${kind}s`;
  const lines = invalid.lines?.length ? ` (first on lines ${invalid.lines.join(', ')})` : '';
  const decimalComma =
    kind === 'numeric' && invalid.examples.every((value) => decimalCommaToPoint(value) !== null)
      ? `; they look like numbers written with a decimal comma: ${SET_DECIMAL_COMMA}`
      : '';
  return `${invalid.count} of ${count} values (${percent(invalid.count / count)}) are not ${noun}${lines}, e.g. ${quoteAll(invalid.examples)}${decimalComma}`;
}

/** FLOAT_TYPE_DECIMAL_COMMA: a column read as text whose values are numbers with a decimal comma. */
function decimalCommaNumbers(feature: FeatureSchema): Anomaly {
  const name = quoted(feature.name);
  return {
    column: feature.name,
    type: 'FLOAT_TYPE_DECIMAL_COMMA',
    severity: 'WARNING',
    description:
      `${name} is ${feature.kind}, but its values are numbers written with a decimal comma (like "1,5"). ` +
      `If the comma is the decimal separator, ${SET_DECIMAL_COMMA} so they are read as numbers, and ${UPDATE_SCHEMA}; ` +
      'if it separates thousands, remove it at the source.',
  };
}

/** Whether statistics of kind `actual` can be checked against a schema feature of kind `expected`. */
function kindsCompatible(expected: ValueKind, actual: ValueKind): boolean {
  // Any value can be read as text, and text statistics carry top values like categorical ones.
  return (
    expected === actual || expected === 'text' || (expected === 'categorical' && actual === 'text')
  );
}

/**
 * FEATURE_TYPE_LOW_FRACTION_PRESENT: an error when presence is further below minPresence than
 * chance explains (PRESENCE_SIGMAS standard errors of a sample this size at minPresence: none for
 * a required feature), a warning within that.
 */
function lowPresence(feature: FeatureSchema, count: number, rows: number): Anomaly {
  const name = quoted(feature.name);
  const share = count / rows;
  const { minPresence } = feature;
  const chance = PRESENCE_SIGMAS * Math.sqrt((minPresence * (1 - minPresence)) / rows);
  const severity: Severity = share < minPresence - chance ? 'ERROR' : 'WARNING';
  const grade =
    severity === 'ERROR'
      ? `below the schema's minPresence of ${percent(minPresence)} by more than chance explains in ${rows} rows`
      : `below the schema's minPresence of ${percent(minPresence)}, but within what chance explains in ${rows} rows (a warning; further below is an error)`;
  return {
    column: feature.name,
    type: 'FEATURE_TYPE_LOW_FRACTION_PRESENT',
    severity,
    description: `${name} has a value in ${percent(share)} of rows (${count} of ${rows}), ${grade}. Fix the missing values at the source, or lower minPresence for ${name} in the schema if they are now expected.`,
  };
}

/**
 * INT_TYPE_BIG_INT / INT_TYPE_SMALL_INT (FLOAT_TYPE_… for non-integer features): values above the
 * schema's max or below its min, a warning while under ERROR_SHARE of the feature's finite
 * values on that side, an error from it. The share is exact when the statistics counted the
 * schema's range (`outOfRange`); else it is read from the quantiles: an error when the 99th
 * percentile is above the max (the 1st below the min).
 */
function rangeAnomalies(
  feature: FeatureSchema,
  column: ColumnStats,
  numeric: NonNullable<ColumnStats['numeric']>,
): Anomaly[] {
  const prefix = feature.integer ? 'INT_TYPE' : 'FLOAT_TYPE';
  const noun = feature.integer ? 'INT' : 'FLOAT';
  const name = quoted(feature.name);
  const finite = column.count - (column.invalid?.count ?? 0) - numeric.nonFinite;
  if (finite <= 0) return [];
  const counted =
    column.outOfRange &&
    column.outOfRange.min === feature.min &&
    column.outOfRange.max === feature.max
      ? column.outOfRange
      : undefined;
  const lines = counted?.lines?.length ? `, first on lines ${counted.lines.join(', ')}` : '';
  const fix =
    `Fix the values at the source (a changed unit or scale?), or widen ${name}'s min/max in the schema if they are valid. ` +
    'An identifier grows past any range: list it in data.ignore and update the schema.';
  const sides = [
    {
      outside: feature.max !== undefined && numeric.max > feature.max,
      type: `${prefix}_BIG_${noun}`,
      count: counted?.above,
      quantileOutside: feature.max !== undefined && numeric.quantiles.p99 > feature.max,
      what: `up to ${numeric.max}, above the schema's max of ${feature.max}`,
    },
    {
      outside: feature.min !== undefined && numeric.min < feature.min,
      type: `${prefix}_SMALL_${noun}`,
      count: counted?.below,
      quantileOutside: feature.min !== undefined && numeric.quantiles.p01 < feature.min,
      what: `down to ${numeric.min}, below the schema's min of ${feature.min}`,
    },
  ];
  const anomalies: Anomaly[] = [];
  for (const side of sides) {
    if (!side.outside) continue;
    let severity: Severity;
    let howMany: string;
    if (side.count !== undefined) {
      const share = side.count / finite;
      severity = share < ERROR_SHARE ? 'WARNING' : 'ERROR';
      howMany = `${side.count} of ${finite} values (${percent(share)})${lines}`;
    } else {
      severity = side.quantileOutside ? 'ERROR' : 'WARNING';
      howMany = side.quantileOutside
        ? `at least ${percent(ERROR_SHARE)} of values, going by the percentiles`
        : `under about ${percent(ERROR_SHARE)} of values, going by the percentiles`;
    }
    anomalies.push({
      column: feature.name,
      type: side.type,
      severity,
      description: `${name} has values ${side.what}: ${howMany}; under ${percent(ERROR_SHARE)} of values this is a warning, from ${percent(ERROR_SHARE)} an error. ${fix}`,
    });
  }
  return anomalies;
}

/**
 * ENUM_TYPE_UNEXPECTED_STRING_VALUES: values outside the feature's domain. For the label they are
 * classes the model was not trained on, which would silently change the task: always an error.
 * For other features, a warning while under ERROR_SHARE of values, an error from it. Counts are
 * exact when the statistics counted the domain (`outOfDomain`), else read from the top values.
 */
function unexpectedValues(
  feature: FeatureSchema,
  column: ColumnStats,
  isLabel: boolean,
): Anomaly | null {
  const found = outsideDomain(feature, column);
  if (!found) return null;
  const { count, shown, atLeast, lines } = found;
  const domainSize = new Set(feature.values).size;
  const share = count / column.count;
  const severity: Severity = isLabel || share >= ERROR_SHARE ? 'ERROR' : 'WARNING';
  const examples = shown
    .slice(0, EXAMPLES_SHOWN)
    .map((entry) => `${JSON.stringify(entry.value)} (${entry.count})`)
    .join(', ');
  const more = count > lines.length ? ', …' : '';
  const where =
    lines.length > 0 ? ` (on line${count > 1 ? 's' : ''} ${lines.join(', ')}${more})` : '';
  const name = quoted(feature.name);
  const prefix = atLeast ? 'at least ' : '';
  if (isLabel) {
    return {
      column: feature.name,
      type: 'ENUM_TYPE_UNEXPECTED_STRING_VALUES',
      severity,
      description:
        `The label ${name} has ${prefix}${count} value${count === 1 ? '' : 's'} outside its ${domainSize} known classes` +
        `${examples ? `: ${examples}` : ''}${where}. Training on them would silently change the task, ` +
        `adding classes to the ${domainSize} the model is meant to have. Fix or blank those labels at the source; ` +
        `if the new classes are intended, add them to the label's values in the schema (or ${UPDATE_SCHEMA}).`,
    };
  }
  return {
    column: feature.name,
    type: 'ENUM_TYPE_UNEXPECTED_STRING_VALUES',
    severity,
    description:
      `${name} has ${prefix}${count} values (${prefix}${percent(share)} of values) outside the schema's ${domainSize} known values` +
      `${examples ? `, e.g. ${examples}` : ''}${where}; under ${percent(ERROR_SHARE)} this is a warning, from ${percent(ERROR_SHARE)} an error. ` +
      `If the new values are expected, ${UPDATE_SCHEMA}; otherwise fix them at the source.`,
  };
}

/** Values of `column` outside `feature.values`: exact when counted, else from the statistics. */
function outsideDomain(
  feature: FeatureSchema,
  column: ColumnStats,
): {
  count: number;
  shown: { value: string; count: number }[];
  atLeast: boolean;
  lines: number[];
} | null {
  const values = feature.values ?? [];
  if (column.outOfDomain) {
    const { count, top, lines } = column.outOfDomain;
    return count > 0 ? { count, shown: top, atLeast: false, lines: lines ?? [] } : null;
  }
  if (column.kind === 'numeric') {
    const numeric = column.numeric;
    if (!numeric) return null;
    const domain = new Set(values.map(Number));
    if (!numeric.distinct) {
      // More than DISTINCT_LIMIT distinct values: those beyond the domain's are outside.
      const count = Math.max(1, DISTINCT_LIMIT + 1 - domain.size);
      return { count, shown: [], atLeast: true, lines: [] };
    }
    const shown = numeric.distinct
      .filter((entry) => !domain.has(entry.value))
      .map((entry) => ({ value: String(entry.value), count: entry.count }))
      .sort((a, b) => b.count - a.count);
    const count = shown.reduce((sum, entry) => sum + entry.count, 0);
    return count > 0 ? { count, shown, atLeast: false, lines: [] } : null;
  }
  const stats = column.categorical;
  if (!stats) return null;
  const domain = new Set(values);
  const unexpected = stats.top.filter((entry) => !domain.has(entry.value));
  // Values beyond the stored top are unseen here, so the count is then a lower bound: at least
  // `unique - domain.size` distinct values are outside the domain, each seen at least once.
  const truncated = stats.top.length < stats.unique;
  const unseen = truncated ? Math.max(0, stats.unique - domain.size - unexpected.length) : 0;
  if (unexpected.length === 0 && unseen === 0) return null;
  const count = unexpected.reduce((sum, entry) => sum + entry.count, unseen);
  return { count, shown: unexpected, atLeast: truncated, lines: [] };
}

function percent(share: number): string {
  return `${Number((share * 100).toFixed(1))}%`;
}

/** A column name for a description: an excerpt, so a huge name is not repeated in full. */
function quoted(name: string): string {
  return `"${excerpt(name)}"`;
}

function quoteAll(values: string[]): string {
  return values.map((value) => JSON.stringify(value)).join(', ');
}

/**
 * Step output files (validation.json, evaluation.json, registration.json, the bundle's
 * training.json) may come from another job, even a fork's: each carries its format, and a step
 * reads one only once every field has the type it assumes; otherwise it names the file, the field
 * and the step to run again, and writes nothing downstream (no report.md, no tag).
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DataError } from '../src/errors.js';
import { TRAINING_INFO_FORMAT } from '../src/model/bundle.js';
import {
  checkStepOutput,
  EVALUATION_FORMAT,
  REGISTRATION_FORMAT,
  STEP_OUTPUTS,
  VALIDATION_FORMAT,
  type StepOutputFormat,
} from '../src/steps/outputs.js';
import { mlops, readJson, tags, tinyConfig } from './support/cli.js';
import { makeCsv } from './support/data.js';
import { makeRepo, tempDir } from './support/repo.js';

type Json = Record<string, unknown>;
type Step = 'validate' | 'train' | 'evaluate' | 'register';

const FILES = {
  validation: '.mlops/validation.json',
  evaluation: '.mlops/evaluation.json',
  registration: '.mlops/registration.json',
  training: '.mlops/model/training.json',
} as const;
type File = keyof typeof FILES;

const WRITTEN_BY: Record<File, Step> = {
  validation: 'validate',
  evaluation: 'evaluate',
  registration: 'register',
  training: 'train',
};

const FORMATS: Record<File, string> = {
  validation: VALIDATION_FORMAT,
  evaluation: EVALUATION_FORMAT,
  registration: REGISTRATION_FORMAT,
  training: TRAINING_INFO_FORMAT,
};

/** Validated, trained and evaluated, not registered: where register and report are tried. */
let evaluated = '';
/** The same, registered: where registration.json comes from. */
let registered = '';

beforeAll(async () => {
  evaluated = makeRepo({
    'data.csv': makeCsv('binary', 120, { seed: 3 }),
    'mlops.yml': tinyConfig('gates: [{ metric: auc, lower_bound: 0 }]'),
  });
  for (const step of ['validate', 'train', 'evaluate'] as const) {
    expect((await mlops(evaluated, [step])).code).toBe(0);
  }
  registered = copyOf(evaluated);
  expect((await mlops(registered, ['register'])).code).toBe(0);
}, 120_000);

function copyOf(dir: string): string {
  const copy = tempDir('mlops-step-outputs-');
  cpSync(dir, copy, { recursive: true });
  return copy;
}

/** A copy of run `base` whose `file` holds `text`; training.json's manifest entry follows. */
function tampered(base: string, file: File, text: string): string {
  const dir = copyOf(base);
  writeFileSync(path.join(dir, FILES[file]), text);
  if (file === 'training') {
    // As a forger would: the manifest rewritten too, so only the file's own check is left.
    const manifest = readJson<{ files: Record<string, unknown> }>(
      dir,
      '.mlops/model/manifest.json',
    );
    const bytes = Buffer.from(text);
    manifest.files['training.json'] = {
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.byteLength,
    };
    writeFileSync(path.join(dir, '.mlops/model/manifest.json'), JSON.stringify(manifest));
  }
  return dir;
}

function original(file: File): Json {
  return readJson<Json>(registered, FILES[file]);
}

/** Sets (or with `undefined`, deletes) the field at `at` in a copy of `value`. */
function edited(value: Json, at: string[], to: unknown): Json {
  const copy = structuredClone(value);
  let node = copy;
  for (const key of at.slice(0, -1)) node = node[key] as Json;
  const last = at.at(-1) as string;
  if (to === undefined) delete node[last];
  else node[last] = to;
  return copy;
}

describe('real step outputs', () => {
  test.each(Object.keys(FILES) as File[])('%s carries its format first and is accepted', (file) => {
    const value = original(file);
    expect(Object.keys(value)[0]).toBe('format');
    expect(value.format).toBe(FORMATS[file]);
    const output: StepOutputFormat<unknown> = STEP_OUTPUTS[file];
    expect(checkStepOutput(value, FILES[file], output, 'remedy')).toEqual(value);
  });

  test('report reads all four and writes report.md', async () => {
    const dir = copyOf(registered);
    const result = await mlops(dir, ['report']);
    expect(result.code).toBe(0);
    expect(readFileSync(path.join(dir, '.mlops/report.md'), 'utf8')).toContain('churn');
  });

  test('--json of a step prints the outcome with its format', async () => {
    const dir = copyOf(evaluated);
    const result = await mlops(dir, ['validate', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ format: VALIDATION_FORMAT, passed: true });
  });
});

/** Each forgery: the file, how it is changed, and what the error must say about it. */
const forgeries: { name: string; file: File; text: () => string; says: string }[] = [
  {
    name: 'a metric turned into a string',
    file: 'evaluation',
    text: () =>
      JSON.stringify(edited(original('evaluation'), ['evaluation', 'overall', 'auc'], '0.99')),
    says: 'evaluation.json: evaluation.overall.auc: expected a number, found a string',
  },
  {
    name: 'the verdict missing',
    file: 'evaluation',
    text: () => JSON.stringify(edited(original('evaluation'), ['blessed'], undefined)),
    says: 'evaluation.json: blessed: expected a boolean, found nothing (the field is missing)',
  },
  {
    name: 'a format of another version',
    file: 'evaluation',
    text: () =>
      JSON.stringify(edited(original('evaluation'), ['format'], 'mlops-actions/evaluation/v0')),
    says:
      'evaluation.json is in format "mlops-actions/evaluation/v0", but this mlops-actions reads ' +
      `"${EVALUATION_FORMAT}"`,
  },
  {
    name: 'a model name that is no tag name',
    file: 'evaluation',
    text: () => JSON.stringify(edited(original('evaluation'), ['name'], '../../x y')),
    says: 'evaluation.json: name: expected a model name',
  },
  {
    name: 'an array instead of an object',
    file: 'evaluation',
    text: () => JSON.stringify([original('evaluation')]),
    says: 'evaluation.json: expected a JSON object, found an array',
  },
  {
    name: 'a row count that is a string',
    file: 'validation',
    text: () => JSON.stringify(edited(original('validation'), ['rows'], '12')),
    says: 'validation.json: rows: expected a number, found a string',
  },
  {
    name: 'no format (an older mlops-actions)',
    file: 'validation',
    text: () => JSON.stringify(edited(original('validation'), ['format'], undefined)),
    says: `validation.json has no "format" field, so it was written by an older mlops-actions (or by hand); this one reads format "${VALIDATION_FORMAT}"`,
  },
  {
    name: 'an anomaly of an unknown severity',
    file: 'validation',
    text: () => {
      const value = original('validation');
      const anomalies = [{ column: null, type: 'X', severity: 'FATAL', description: 'x' }];
      return JSON.stringify({ ...value, anomalies });
    },
    says: 'validation.json: anomalies[0].severity: expected one of "WARNING"|"ERROR"',
  },
  {
    name: 'a number instead of an object',
    file: 'registration',
    text: () => '42',
    says: 'registration.json: expected a JSON object, found a number',
  },
  {
    name: 'a release URL that is an object',
    file: 'registration',
    text: () => JSON.stringify(edited(original('registration'), ['releaseUrl'], { href: 'x' })),
    says: 'registration.json: releaseUrl: expected a string, found an object',
  },
  {
    name: 'a format of another file',
    file: 'registration',
    text: () => JSON.stringify(edited(original('registration'), ['format'], EVALUATION_FORMAT)),
    says: `registration.json is in format "${EVALUATION_FORMAT}", but this mlops-actions reads "${REGISTRATION_FORMAT}"`,
  },
  {
    name: 'an epoch count that is null',
    file: 'training',
    text: () => JSON.stringify(edited(original('training'), ['epochs', 'run'], null)),
    says: 'training.json: epochs.run: expected a number, found null',
  },
  {
    name: 'a data hash that is no sha256',
    file: 'training',
    text: () => JSON.stringify(edited(original('training'), ['dataHash'], 'x')),
    says: 'training.json: dataHash: expected a sha256 in hex',
  },
];

/** The steps that read each file: report on the registered run, register on the one before. */
const readers: Record<File, ('report' | 'register')[]> = {
  validation: ['report'],
  evaluation: ['report', 'register'],
  registration: ['report'],
  training: ['report', 'register'],
};

/** What `step` would have written in `dir` had it accepted its inputs. */
function written(dir: string, step: 'report' | 'register'): string[] {
  if (step === 'report') return existsSync(path.join(dir, '.mlops/report.md')) ? ['report.md'] : [];
  const registration = existsSync(path.join(dir, FILES.registration)) ? ['registration.json'] : [];
  return [...tags(dir), ...registration];
}

describe('forged step outputs are refused with the file, the field and the remedy', () => {
  const cases = forgeries.flatMap((forgery) =>
    readers[forgery.file].map((step) => ({ ...forgery, step })),
  );
  test.each(cases)('$file.json with $name: `mlops $step` refuses it', async (forgery) => {
    const base = forgery.step === 'register' ? evaluated : registered;
    const dir = tampered(base, forgery.file, forgery.text());
    const result = await mlops(dir, [forgery.step]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(forgery.says);
    expect(result.stderr).toContain(`Run \`mlops ${WRITTEN_BY[forgery.file]}\` again`);
    expect(written(dir, forgery.step)).toEqual([]);
  });

  test('evaluate checks the training.json of the model it is given', async () => {
    const forgery = forgeries.find((f) => f.file === 'training') as (typeof forgeries)[number];
    const dir = tampered(evaluated, 'training', forgery.text());
    const before = readFileSync(path.join(dir, FILES.evaluation), 'utf8');
    const result = await mlops(dir, ['evaluate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(forgery.says);
    expect(readFileSync(path.join(dir, FILES.evaluation), 'utf8')).toBe(before);
  });
});

describe('checkStepOutput', () => {
  test('is a DataError, and a field name that is not a plain name is quoted, never raw', () => {
    const value = edited(original('evaluation'), ['evaluation', 'overall'], {
      'auc\n::error::forged': 'high',
    });
    let error: unknown;
    try {
      checkStepOutput(value, 'evaluation.json', STEP_OUTPUTS.evaluation, 'Run it again.');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DataError);
    const message = (error as Error).message;
    expect(message).toBe(
      'evaluation.json: evaluation.overall["auc\\n::error::forged"]: expected a number, found a ' +
        'string. Run it again.',
    );
    expect(message).not.toContain('\n');
  });

  test('a message quoting the file (a gate on a forged metric name) stays on one line', () => {
    const gate = { metric: 'auc\n::error::forged' };
    const results = [{ gate, criterion: 'bounds', description: 'x', status: 'pass' }];
    const evaluation = original('evaluation');
    const value = { ...evaluation, gates: { ...(evaluation.gates as Json), results } };
    expect(() =>
      checkStepOutput(value, 'evaluation.json', STEP_OUTPUTS.evaluation, 'Again.'),
    ).toThrow(
      'evaluation.json: gates.results[0].gate.metric: the gate on auc\\n::error::forged checks nothing',
    );
  });

  test('counts further problems after the first', () => {
    const value = { ...original('registration'), existing: 'no', releaseUrl: 1 };
    expect(() =>
      checkStepOutput(value, 'registration.json', STEP_OUTPUTS.registration, 'Again.'),
    ).toThrow('(and 1 more problem)');
  });

  test('a number out of JSON range (1e999 reads as Infinity) is refused', () => {
    const text = JSON.stringify(original('evaluation')).replace(/"count":\d+/, '"count":1e999');
    expect(() =>
      checkStepOutput(JSON.parse(text), 'evaluation.json', STEP_OUTPUTS.evaluation, 'Again.'),
    ).toThrow('evaluation.json: evaluation.count: expected a number, found Infinity.');
  });

  test('fields the format does not have are dropped, not passed on', () => {
    const value = { ...original('registration'), extra: '<script>' };
    const read = checkStepOutput(value, 'r.json', STEP_OUTPUTS.registration, 'Again.');
    expect(read).not.toHaveProperty('extra');
  });
});

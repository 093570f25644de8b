/**
 * The pure parts of serving, without a model: the sticky A/B split, serving.json and its errors,
 * the plan made from the registry's tags, the check of request instances, the prediction log's
 * lines and the rotating log they are written to.
 */
import { describe, expect, test } from '@jest/globals';
import {
  existsSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { ConfigError, UsageError } from '../src/errors.js';
import type { PreprocessingSpec } from '../src/model/preprocess.js';
import { replayTags } from '../src/registry/state.js';
import type { TagRecord } from '../src/registry/store.js';
import { InvalidRequest } from '../src/serve/errors.js';
import { checkInstances, instanceRules } from '../src/serve/instances.js';
import { openJsonlLog, rotatedFile } from '../src/serve/jsonl-log.js';
import {
  PREDICTION_LOG_FORMAT,
  predictionLines,
  predictionRecordSchema,
  type PredictionOutput,
  type PredictionRecord,
} from '../src/serve/log-format.js';
import { planServing, planSignature } from '../src/serve/plan.js';
import { bucketOf, chooseRoute } from '../src/serve/routing.js';
import { DEFAULT_SERVING, parseServingConfig } from '../src/serve/serving-config.js';
import { tempDir } from './support/repo.js';
import { until } from './support/serving.js';

const KEYS = Array.from({ length: 10_000 }, (_, i) => `user-${i}`);

function shares<R extends { ref: string; weight: number }>(routes: R[], salt: string) {
  const counts = new Map(routes.map((r) => [r.ref, 0]));
  for (const key of KEYS) {
    const ref = chooseRoute(routes, salt, key).ref;
    counts.set(ref, (counts.get(ref) ?? 0) + 1);
  }
  return Object.fromEntries([...counts].map(([ref, n]) => [ref, n / KEYS.length]));
}

describe('the sticky A/B split', () => {
  test.each([[[90, 10]], [[50, 50]], [[50, 30, 20]], [[1, 1, 1, 1]]])(
    '10,000 keys split within ±2 %% of the weights %j',
    (weights) => {
      const routes = weights.map((weight, i) => ({ ref: `churn@v1.${i}.0`, weight }));
      const total = weights.reduce((a, b) => a + b, 0);
      const got = shares(routes, 'churn');
      routes.forEach((route) => {
        expect(Math.abs((got[route.ref] ?? 0) - route.weight / total)).toBeLessThan(0.02);
      });
    },
  );

  test('a key always gets the same route; a route of weight 0 never gets one', () => {
    const routes = [
      { ref: 'churn#production', weight: 90 },
      { ref: 'churn@v1.3.0', weight: 10 },
      { ref: 'churn@v1.4.0', weight: 0 },
    ];
    for (const key of KEYS.slice(0, 500)) {
      const first = chooseRoute(routes, 'churn', key);
      expect(chooseRoute([...routes], 'churn', key)).toBe(first);
      expect(first.ref).not.toBe('churn@v1.4.0');
    }
  });

  test("raising the challenger's weight moves champion users to it, never the reverse", () => {
    const before = [
      { ref: 'champion', weight: 90 },
      { ref: 'challenger', weight: 10 },
    ];
    const after = [
      { ref: 'champion', weight: 70 },
      { ref: 'challenger', weight: 30 },
    ];
    const moved = KEYS.filter((key) => chooseRoute(before, 's', key).ref === 'challenger');
    expect(moved.length).toBeGreaterThan(800);
    expect(moved.every((key) => chooseRoute(after, 's', key).ref === 'challenger')).toBe(true);
  });

  test('another salt reshuffles the keys (a new experiment), evenly', () => {
    const changed = KEYS.filter((key) => bucketOf('a', key) < 0.5 !== bucketOf('b', key) < 0.5);
    expect(Math.abs(changed.length / KEYS.length - 0.5)).toBeLessThan(0.02);
    expect(bucketOf('a', 'x')).toBe(bucketOf('a', 'x'));
    // The separator keeps the salt and the key apart.
    expect(bucketOf('ab', 'c')).not.toBe(bucketOf('a', 'bc'));
  });
});

/** serving.json's models: churn's production stage at 90 %, `challenger` at 10 %. */
function championAndChallenger(challenger: string) {
  return {
    models: {
      churn: {
        routes: [
          { ref: 'churn#production', weight: 90 },
          { ref: challenger, weight: 10 },
        ],
      },
    },
  };
}

describe('serving.json', () => {
  test('a champion and a challenger, with server limits; defaults fill the rest', () => {
    const config = parseServingConfig(
      JSON.stringify({ ...championAndChallenger('churn@v1.3.0'), server: { max_in_flight: 8 } }),
      'serving.json',
    );
    expect(config.models.churn?.routes).toHaveLength(2);
    expect(config.server).toEqual({ ...DEFAULT_SERVING.server, max_in_flight: 8 });
    // No port unless written: the command line's, else the defaults (8501, no gRPC API).
    expect(config.server).not.toHaveProperty('grpc_port');
    const ports = parseServingConfig('{"server": {"port": 0, "grpc_port": 0}}', 'serving.json');
    expect(ports.server).toMatchObject({ port: 0, grpc_port: 0 });
  });

  const route = (ref: string, weight: unknown = 1) => ({ ref, weight });
  test.each([
    [
      'a negative weight',
      { models: { churn: { routes: [route('churn#production', -1)] } } },
      'models.churn.routes[0].weight: Too small',
    ],
    [
      'a weight that is text',
      { models: { churn: { routes: [route('churn#production', '90')] } } },
      'models.churn.routes[0].weight: expected number, got "90"',
    ],
    [
      'a ref of another model',
      { models: { churn: { routes: [route('wages#production')] } } },
      'models.churn.routes[0].ref: expected a ref of churn',
    ],
    ['a misspelt field', { models: { churn: { route: [] } } }, 'models.churn.route: unknown field'],
    [
      'every weight 0',
      { models: { churn: { routes: [route('churn#production', 0)] } } },
      'models.churn.routes: every weight is 0',
    ],
    [
      'the same ref twice',
      { models: { churn: { routes: [route('churn@v1.0.0'), route('churn@v1.0.0')] } } },
      'models.churn.routes[1].ref: the same ref is routed twice',
    ],
    [
      'a limit of the wrong type',
      { server: { max_in_flight: 'many' } },
      'server.max_in_flight: expected number, got "many"',
    ],
    [
      'a gRPC port past 65535',
      { server: { grpc_port: 70_000 } },
      'server.grpc_port: Too big: expected number to be <=65535',
    ],
    ['a gRPC port that is text', { server: { grpc_port: '8500' } }, 'server.grpc_port: expected'],
    [
      'the gRPC API on the REST port',
      { server: { port: 8080, grpc_port: 8080 } },
      'server.grpc_port: the same port as server.port',
    ],
    [
      'a model name that is no name',
      { models: { 'Churn!': { routes: [route('Churn!@latest')] } } },
      '"Churn!": not a model name',
    ],
  ])('%s is refused, naming the field', (_what, raw, message) => {
    expect(() => parseServingConfig(JSON.stringify(raw), 'serving.json')).toThrow(ConfigError);
    expect(() => parseServingConfig(JSON.stringify(raw), 'serving.json')).toThrow(message);
  });

  test('hostile text: not JSON, a prototype key, a huge file', () => {
    expect(() => parseServingConfig('{"models": ', 'serving.json')).toThrow(
      'serving.json: not valid JSON',
    );
    const proto = '{"models": {"__proto__": {"routes": [{"ref": "x@latest", "weight": 1}]}}}';
    expect(() => parseServingConfig(proto, 'serving.json')).toThrow(
      'a "__proto__" field is not allowed',
    );
    expect(({} as Record<string, unknown>).routes).toBeUndefined();
    expect(() => parseServingConfig(' '.repeat(70_000), 'serving.json')).toThrow('at most 65,536');
  });
});

const C = ['a', 'b', 'c', 'd'].map((x) => x.repeat(40));
const at = (name: string, minute: number, commit: string): TagRecord => ({
  tag: name,
  createdAt: new Date(Date.UTC(2024, 0, 1, 12, minute)).toISOString(),
  message: name,
  commit: commit as string,
});
/** churn v1.0.0, v1.1.0 (production), v1.2.0 (staging); wages v0.1.0 with no stage. */
const STATE = replayTags([
  at('churn@v1.0.0', 0, C[0] as string),
  at('churn@v1.1.0', 1, C[1] as string),
  at('churn@v1.2.0', 2, C[2] as string),
  at('churn#production#1', 3, C[1] as string),
  at('churn#staging#2', 4, C[2] as string),
  at('wages@v0.1.0', 5, C[3] as string),
]);
const STAGES = ['staging', 'production'];

describe('the serving plan', () => {
  test('without serving.json: every model, by its last stage held, else its latest version', () => {
    const plan = planServing(STATE, DEFAULT_SERVING, { names: [], stages: STAGES });
    const [churn, wages] = plan.models;
    expect(churn?.routes).toEqual([{ ref: 'churn#production', weight: 1, version: '1.1.0' }]);
    // A request may name any stage or the latest version: each of those is loaded.
    expect(churn?.versions.map((v) => v.version)).toEqual(['1.1.0', '1.2.0']);
    expect(churn?.stages).toEqual({ production: '1.1.0', staging: '1.2.0' });
    expect(wages?.routes).toEqual([{ ref: 'wages@latest', weight: 1, version: '0.1.0' }]);
  });

  test('serving.json routes name versions to load; the plan changes when they do', () => {
    const serving = parseServingConfig(
      JSON.stringify(championAndChallenger('churn@v1.0.0')),
      'serving.json',
    );
    const plan = planServing(STATE, serving, { names: [], stages: STAGES });
    expect(plan.models.map((m) => m.name)).toEqual(['churn']);
    expect(plan.models[0]?.versions.map((v) => v.version)).toEqual(['1.0.0', '1.1.0', '1.2.0']);
    const moved = replayTags([
      ...['churn@v1.0.0', 'churn@v1.1.0', 'churn@v1.2.0'].map((t, i) => at(t, i, C[i] as string)),
      at('churn#production#1', 3, C[2] as string),
    ]);
    const after = planServing(moved, serving, { names: [], stages: STAGES });
    expect(after.models[0]?.routes[0]?.version).toBe('1.2.0');
    expect(planSignature(after)).not.toBe(planSignature(plan));
  });

  test('what cannot be served is a UsageError that says where', () => {
    expect(() => planServing(STATE, DEFAULT_SERVING, { names: ['nope'], stages: STAGES })).toThrow(
      UsageError,
    );
    const serving = parseServingConfig(
      JSON.stringify({ models: { churn: { routes: [{ ref: 'churn#canary', weight: 1 }] } } }),
      'serving.json',
    );
    expect(() => planServing(STATE, serving, { names: [], stages: STAGES })).toThrow(
      'serving.json: models.churn.routes[0].ref: churn has no version in stage canary',
    );
    expect(() =>
      planServing(replayTags([]), DEFAULT_SERVING, { names: [], stages: STAGES }),
    ).toThrow('no model to serve');
  });
});

const SPEC: PreprocessingSpec = {
  version: 2,
  input: { naValues: ['', 'NA'], decimal: ',' },
  label: { column: 'churned', task: 'binary', classes: ['no', 'yes'] },
  features: [
    {
      kind: 'numeric',
      column: 'age',
      mean: 40,
      std: 10,
      indicator: true,
      log: false,
    },
    { kind: 'categorical', column: 'city', vocabulary: ['Porto', 'Lisbon'] },
    { kind: 'boolean', column: 'member', indicator: false },
    { kind: 'date', column: 'signup', mean: 0, std: 1, indicator: false, timeOfDay: false },
  ],
  width: 9,
};
const SCHEMA = {
  version: 1 as const,
  label: 'churned',
  features: [
    { name: 'age', kind: 'numeric' as const, minPresence: 0.9 },
    { name: 'city', kind: 'categorical' as const, minPresence: 1 },
    { name: 'member', kind: 'boolean' as const, minPresence: 1 },
    { name: 'signup', kind: 'date' as const, minPresence: 1 },
    { name: 'id', kind: 'categorical' as const, minPresence: 1 },
  ],
};
const RULES = instanceRules(SPEC, SCHEMA);
const OPTIONS = { maxInstances: 3, unknownFields: 'reject' as const };
const GOOD = { age: '41,5', city: 'Faro', member: 'yes', signup: '2024-03-01' };

function refusal(instances: unknown, options = OPTIONS): InvalidRequest {
  try {
    checkInstances(instances, RULES, options);
  } catch (error) {
    if (error instanceof InvalidRequest) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('checking instances', () => {
  test('good rows pass: a decimal comma, a missing token, an unknown category, schema-only columns', () => {
    const rows = checkInstances(
      [GOOD, { ...GOOD, age: 'NA', city: 'Atlantis', id: 'c-1', churned: 'yes' }],
      RULES,
      OPTIONS,
    );
    expect(rows).toHaveLength(2);
  });

  test.each([
    ['not a list', { a: 1 }, 'instances: expected a list', undefined],
    ['an empty list', [], 'instances: the list is empty', undefined],
    ['too many', [GOOD, GOOD, GOOD, GOOD], 'more than the 3 a request may have', undefined],
    ['a row that is a list', [GOOD, [1, 2]], 'instances[1]: expected an object', undefined],
    [
      'an unknown field (a typo)',
      [{ ...GOOD, agee: 3 }],
      'instances[0]."agee": unknown field; the model reads "age", "city"',
      'agee',
    ],
    [
      'a nested value',
      [{ ...GOOD, city: { $gt: '' } }],
      'instances[0]."city": expected a string, number, boolean or null, got a object',
      'city',
    ],
    [
      'a huge number',
      [{ ...GOOD, age: 1e400 }],
      'instances[0]."age": the number is out of range',
      'age',
    ],
    [
      'text for a number',
      [GOOD, { ...GOOD, age: 'forty' }],
      'instances[1]."age": expected a number, got "forty"',
      'age',
    ],
    [
      'an infinity token',
      [{ ...GOOD, age: 'inf' }],
      'instances[0]."age": expected a number',
      'age',
    ],
    [
      'a bad date',
      [{ ...GOOD, signup: 'yesterday' }],
      'instances[0]."signup": expected an ISO 8601 date',
      'signup',
    ],
    [
      'a number for a date',
      [{ ...GOOD, signup: 20240301 }],
      'instances[0]."signup": expected an ISO 8601 date',
      'signup',
    ],
    [
      'a bad boolean',
      [{ ...GOOD, member: 'maybe' }],
      'instances[0]."member": expected true or false',
      'member',
    ],
    [
      'a required feature left out',
      [{ age: 1, member: true, signup: '2024-01-01' }],
      'instances[0]."city": missing',
      'city',
    ],
    [
      'a required feature as a missing token',
      [{ ...GOOD, city: 'NA' }],
      'instances[0]."city": has no value',
      'city',
    ],
    [
      'a prototype key',
      [JSON.parse(`{"__proto__": {"admin": true}, "age": 1}`)],
      'instances[0]."__proto__": unknown field',
      '__proto__',
    ],
  ])('%s is refused with the index and the field', (_what, instances, message, field) => {
    const error = refusal(instances);
    expect(error.message).toContain(message);
    expect(error.field).toBe(field);
  });

  test('a long hostile field name is quoted and cut in the message', () => {
    const error = refusal([{ ...GOOD, ['x'.repeat(5000) + '\n::error::']: 1 }]);
    expect(error.message.length).toBeLessThan(400);
    expect(error.message).not.toContain('\n');
  });

  test("a file's other columns are ignored when asked, prototype keys included", () => {
    const rows = checkInstances(
      [
        JSON.parse(
          `{"__proto__": {"polluted": true}, "note": "x", "age": 3, "city": "Porto", "member": 1, "signup": "2024-01-01"}`,
        ),
      ],
      RULES,
      { maxInstances: 10, unknownFields: 'ignore' },
    );
    expect(Object.keys(rows[0] ?? {})).toEqual(['age', 'city', 'member', 'signup']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('the rotating JSON Lines log', () => {
  test('past max bytes the file rotates; only `keep` rotated files stay; close flushes', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'logs', 'predictions.jsonl');
    const errors: unknown[] = [];
    const log = openJsonlLog({ file, maxBytes: 300, keep: 2, onError: (e) => errors.push(e) });
    for (let i = 0; i < 40; i++) log.append([{ i, text: 'x'.repeat(40) }]);
    await log.close();
    expect(errors).toEqual([]);
    expect(readdirSync(path.dirname(file)).sort()).toEqual([
      'predictions.1.jsonl',
      'predictions.2.jsonl',
      'predictions.jsonl',
    ]);
    const lines = [2, 1, 0].flatMap((n) =>
      readFileSync(rotatedFile(file, n), 'utf8').trim().split('\n'),
    );
    for (const n of [0, 1, 2]) {
      expect(readFileSync(rotatedFile(file, n)).byteLength).toBeLessThanOrEqual(300);
    }
    // The newest lines, in order, with nothing torn.
    const kept = lines.map((line) => (JSON.parse(line) as { i: number }).i);
    expect(kept.at(-1)).toBe(39);
    expect(kept).toEqual(kept.map((_, j) => 40 - kept.length + j));
  });

  test('a write that fails is reported, and the next flush still runs', async () => {
    const dir = tempDir();
    // A file where the log's folder should be: every write fails.
    writeFileSync(path.join(dir, 'blocked'), '');
    const errors: unknown[] = [];
    const log = openJsonlLog({
      file: path.join(dir, 'blocked', 'predictions.jsonl'),
      maxBytes: 1000,
      keep: 1,
      onError: (e) => errors.push(e),
    });
    log.append([{ a: 1 }]);
    await log.flush();
    log.append([{ a: 2 }]);
    await log.close();
    expect(errors).toHaveLength(2);
  });

  test('after close, lines are refused and told once; the removed folder is not made again', async () => {
    const dir = path.join(tempDir(), 'logs');
    const file = path.join(dir, 'predictions.jsonl');
    const errors: unknown[] = [];
    const log = openJsonlLog({ file, maxBytes: 1000, keep: 1, onError: (e) => errors.push(e) });
    log.append([{ a: 1 }]);
    await log.close();
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n');
    // The folder goes (a test's cleanup, an operator) while a late line is still on its way.
    rmSync(dir, { recursive: true });
    log.append([{ a: 2 }]);
    log.append([{ a: 3 }]);
    await log.flush();
    await log.close();
    expect(existsSync(dir)).toBe(false);
    expect(errors.map(String)).toEqual([
      'Error: the log is closed: lines that come after close are not written',
    ]);
  });

  test("an append's lines stay in one file: the file rotates between appends", async () => {
    const file = path.join(tempDir(), 'predictions.jsonl');
    const errors: unknown[] = [];
    const log = openJsonlLog({ file, maxBytes: 200, keep: 10, onError: (e) => errors.push(e) });
    // Appends of 3 lines (42 bytes), and one alone larger than maxBytes.
    const appends = Array.from({ length: 12 }, (_, k) =>
      [0, 1, 2].map((j) => `{"k":${k % 10},"j":${j}}\n`).join(''),
    );
    appends.splice(5, 0, `{"big":"${'x'.repeat(300)}"}\n`);
    for (const lines of appends) log.appendLines(lines);
    await log.close();
    expect(errors).toEqual([]);
    const files = readdirSync(path.dirname(file))
      .map((name) => Number(/\.(\d+)\.jsonl$/.exec(name)?.[1] ?? 0))
      .sort((a, b) => b - a)
      .map((n) => readFileSync(rotatedFile(file, n), 'utf8'));
    expect(files.join('')).toBe(appends.join(''));
    // Each file holds whole appends, within maxBytes unless it holds one larger append alone.
    let next = 0;
    for (const text of files) {
      let held = '';
      while (held.length < text.length) held += appends[next++];
      expect(held).toBe(text);
      if (text.length > 200) expect(appends).toContain(text);
    }
    expect(files.length).toBeGreaterThan(3);
  });

  test('lines reach the disk by the timer, or at once when a write’s worth is buffered', async () => {
    const file = path.join(tempDir(), 'predictions.jsonl');
    const errors: unknown[] = [];
    const read = () => (existsSync(file) ? readFileSync(file, 'utf8') : '');
    const openWithTimer = (flushMs: number) =>
      openJsonlLog({ file, maxBytes: 1 << 30, keep: 1, flushMs, onError: (e) => errors.push(e) });
    const timed = openWithTimer(10);
    timed.appendLines('{"a":1}\n');
    await until(() => read() === '{"a":1}\n', "the timer's write");
    timed.append([{ a: 2 }]);
    await until(() => read() === '{"a":1}\n{"a":2}\n', "the next timer's write");
    await timed.close();
    // A timer that would not fire within the test: 1 MiB buffered is written without it.
    const big = `{"b":"${'x'.repeat(1 << 20)}"}\n`;
    const full = openWithTimer(3_600_000);
    full.appendLines(big);
    await until(() => read().endsWith(big), 'the write of a full buffer');
    await full.close();
    expect(errors).toEqual([]);
  });

  test('the file stays open between writes, is opened anew on rotation, and close lets it go', async () => {
    const file = path.join(tempDir(), 'predictions.jsonl');
    const errors: unknown[] = [];
    const log = openJsonlLog({ file, maxBytes: 100, keep: 1, onError: (e) => errors.push(e) });
    // The log's descriptors, by the file they point to (Linux's /proc).
    const openOn = () =>
      readdirSync('/proc/self/fd').flatMap((fd) => {
        try {
          const target = readlinkSync(`/proc/self/fd/${fd}`);
          return target.startsWith(path.dirname(file)) ? [target] : [];
        } catch {
          return [];
        }
      });
    log.appendLines('{"a":1}\n');
    await log.flush();
    const first = openOn();
    expect(first).toEqual([file]);
    for (let i = 2; i < 10; i++) {
      log.appendLines(`{"a":${i}}\n`);
      await log.flush();
    }
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(10);
    // One descriptor all along; a rotation closes it (the old file moved to .1) and opens the new.
    log.appendLines(`{"pad":"${'x'.repeat(60)}"}\n`);
    await log.flush();
    expect(openOn()).toEqual([file]);
    expect(readFileSync(rotatedFile(file, 1), 'utf8').split('\n')).toHaveLength(10);
    await log.close();
    expect(openOn()).toEqual([]);
    expect(errors).toEqual([]);
  });
});

/** One request's records, built as src/serve/core.ts builds them. */
function requestRecords(
  requestId: string,
  route: string | null,
  served: readonly { inputs: PredictionRecord['inputs']; output: PredictionOutput }[],
): PredictionRecord[] {
  return served.map(({ inputs, output }, index) => ({
    format: PREDICTION_LOG_FORMAT,
    id: `${requestId}/${index}`,
    requestId,
    time: '2024-05-01T12:00:00.000Z',
    model: 'churn',
    version: '1.2.0',
    route: route ?? undefined,
    inputs,
    output,
  }));
}

const linesOf = (records: readonly object[]) =>
  records.map((record) => `${JSON.stringify(record)}\n`).join('');

describe('the prediction log lines', () => {
  const binary = (score: number): PredictionOutput => ({ task: 'binary', label: 'yes', score });
  test.each([
    {
      case: 'a request routed by stage',
      records: requestRecords('r1', 'churn#production', [
        { inputs: { age: 31, city: 'Oslo', member: true, signup: null }, output: binary(0.25) },
        {
          inputs: { age: 0.1 + 0.2, city: '', member: false, signup: '2024-01-01' },
          output: binary(1),
        },
      ]),
    },
    {
      case: 'a pinned version (no route), regression and multiclass outputs',
      records: requestRecords('r2', null, [
        { inputs: { x: -0 }, output: { task: 'regression', value: 1e21 } },
        {
          inputs: {},
          output: { task: 'multiclass', label: 'b', probabilities: { a: 0.25, b: 0.75 } },
        },
      ]),
    },
    {
      case: 'hostile ids, names and values',
      records: requestRecords('"}\n\\\u2028\ud800', 'a"b#\u0000', [
        {
          inputs: JSON.parse(
            '{"__proto__": "x", "\\"}": "\\n\\ud800", "é": "\u{1F600}"}',
          ) as PredictionRecord['inputs'],
          output: { task: 'binary', label: '"\n', score: 0.5 },
        },
      ]),
    },
    {
      case: 'two requests in one call',
      records: [
        ...requestRecords('r3', 'churn@v1.2.0', [{ inputs: { a: 1 }, output: binary(0) }]),
        ...requestRecords('r4', null, [{ inputs: { a: 2 }, output: binary(0.5) }]),
        ...requestRecords('r3', 'churn@v1.2.0', [{ inputs: { a: 3 }, output: binary(1) }]),
      ],
    },
  ])('are JSON.stringify of each record, byte for byte: $case', ({ records }) => {
    const lines = predictionLines(records);
    expect(lines).toBe(linesOf(records));
    // And the monitor's schema takes every line.
    for (const line of lines.trimEnd().split('\n')) {
      expect(predictionRecordSchema.safeParse(JSON.parse(line)).success).toBe(true);
    }
  });
});

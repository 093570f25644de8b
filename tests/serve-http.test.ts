/**
 * `mlops serve` over real HTTP on 127.0.0.1: one tiny model registered as three versions (churn
 * v0.1.0 in production, v0.2.0 in staging, v0.3.0 the challenger of an A/B split), predict by
 * version, stage and sticky key, the status and metadata endpoints, refusals that name the field,
 * hostile bodies, the concurrency limit, feedback joined to predictions, /metrics (prom-client, a
 * registry per server), a model whose outputs are NaN, and a graceful stop that flushes the logs.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { nodeFileSystem } from '../src/adapters/fs.js';
import { loadBundleVersion } from '../src/serve/bundle-cache.js';
import { ServingCore, singleVersionSet } from '../src/serve/core.js';
import { buildHttpApi } from '../src/serve/http.js';
import { openJsonlLog } from '../src/serve/jsonl-log.js';
import {
  feedbackRecordSchema,
  predictionRecordSchema,
  type PredictionRecord,
} from '../src/serve/log-format.js';
import { ServingMetrics } from '../src/serve/metrics.js';
import { chooseRoute } from '../src/serve/routing.js';
import { startServer, type RunningServer } from '../src/serve/server.js';
import { DEFAULT_SERVING } from '../src/serve/serving-config.js';
import {
  instance,
  promote,
  registerAgain,
  servingContext,
  servingRepo,
  until,
  type ServingRepo,
} from './support/serving.js';

const ROUTES = [
  { ref: 'churn#production', weight: 90 },
  { ref: 'churn@v0.3.0', weight: 10 },
];
const SERVING = {
  models: { churn: { routes: ROUTES } },
  server: { max_in_flight: 2, max_body_bytes: 65_536, max_instances: 50, timeout_ms: 2000 },
};

let repo: ServingRepo;
let server: RunningServer;
/** 200 answers per version, to compare with /metrics. */
const answered = new Map<string, number>();

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

async function send(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${server.url}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const parsed = (await response.json()) as Record<string, unknown>;
  if (response.status === 200 && typeof parsed.model_version === 'string') {
    answered.set(parsed.model_version, (answered.get(parsed.model_version) ?? 0) + 1);
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

const predict = (url: string, instances: unknown[], headers: Record<string, string> = {}) =>
  send(url, JSON.stringify({ instances }), headers);

async function get(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${server.url}${url}`);
  return { status: response.status, text: await response.text() };
}

beforeAll(async () => {
  repo = await servingRepo();
  await registerAgain(repo, '0.2.0');
  await registerAgain(repo, '0.3.0');
  await promote(repo, '0.1.0', 'production');
  await promote(repo, '0.2.0', 'staging');
  writeFileSync(path.join(repo.dir, 'serving.json'), JSON.stringify(SERVING));
  const ctx = await servingContext(repo.dir);
  server = await startServer(ctx, {
    names: [],
    port: 0,
    host: '127.0.0.1',
    serving: { file: path.join(repo.dir, 'serving.json'), required: true },
  });
}, 60_000);

afterAll(async () => {
  // The last test stops the server; this only covers a failure before it.
  if (server.core.ready) await server.stop();
});

describe('predict', () => {
  test('by version: the answer says which version, with an id per instance', async () => {
    const answer = await predict('/v1/models/churn/versions/0.2.0:predict', [
      instance(),
      instance({ city: 'Lisbon' }),
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ model_name: 'churn', model_version: '0.2.0', route: null });
    const predictions = answer.body.predictions as { id: string; label: string; score: number }[];
    expect(predictions.map((p) => p.id)).toEqual(
      [0, 1].map((i) => `${answer.body.request_id}/${i}`),
    );
    for (const p of predictions) {
      expect(['no', 'yes']).toContain(p.label);
      expect(p.score).toBeGreaterThanOrEqual(0);
      expect(p.score).toBeLessThanOrEqual(1);
    }
    expect(answer.headers.get('x-request-id')).toBe(answer.body.request_id);
    const withV = await predict('/v1/models/churn/versions/v0.2.0:predict', [instance()]);
    expect(withV.body.model_version).toBe('0.2.0');
  });

  test('by stage (TF Serving labels): production and staging', async () => {
    const production = await predict('/v1/models/churn/labels/production:predict', [instance()]);
    expect(production.body).toMatchObject({ model_version: '0.1.0', route: 'churn#production' });
    const staging = await predict('/v1/models/churn/labels/staging:predict', [instance()]);
    expect(staging.body).toMatchObject({ model_version: '0.2.0', route: 'churn#staging' });
  });

  test('the A/B split: each key sees the version its hash assigns, every time', async () => {
    const versionOf = { 'churn#production': '0.1.0', 'churn@v0.3.0': '0.3.0' } as const;
    for (let i = 0; i < 30; i++) {
      const key = `user-${i}`;
      const expected = versionOf[chooseRoute(ROUTES, 'churn', key).ref as keyof typeof versionOf];
      const first = await predict('/v1/models/churn:predict', [instance()], { 'x-mlops-key': key });
      const again = await send(
        '/v1/models/churn:predict',
        JSON.stringify({ instances: [instance()], key }),
      );
      expect([first.body.model_version, again.body.model_version]).toEqual([expected, expected]);
    }
  });

  test('the request id a client sends is kept when plain, replaced when not', async () => {
    const kept = await predict('/v1/models/churn:predict', [instance()], {
      'x-request-id': 'order-42',
    });
    expect(kept.body.request_id).toBe('order-42');
    const replaced = await predict('/v1/models/churn:predict', [instance()], {
      'x-request-id': 'a b<script>',
    });
    expect(replaced.body.request_id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('refusals', () => {
  test.each([
    [
      'text for a number',
      [instance(), instance({ 'age, years': 'forty' })],
      1,
      'age, years',
      'expected a number',
    ],
    ['an unknown field', [instance({ agee: 3 })], 0, 'agee', 'unknown field'],
    ['a required feature left out', [instance({ city: undefined })], 0, 'city', 'missing'],
    ['a nested object', [instance({ comment: { $where: 1 } })], 0, 'comment', 'expected a string'],
    ['a bad boolean', [instance({ 'member?': 'perhaps' })], 0, 'member?', 'expected true or false'],
  ])(
    '%s: 400 naming the instance and the field',
    async (_what, instances, index, field, problem) => {
      const answer = await predict('/v1/models/churn/versions/0.1.0:predict', instances);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ instance: index, field });
      expect(answer.body.error).toContain(
        `instances[${index}].${JSON.stringify(field)}: ${problem}`,
      );
    },
  );

  test('hostile bodies get 4xx answers and the server keeps serving', async () => {
    const url = '/v1/models/churn:predict';
    const deep = `{"instances": ${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const cases: [string, string, number, Record<string, string>?][] = [
      ['a prototype key', '{"__proto__": {"admin": true}, "instances": []}', 400],
      ['a constructor key', '{"constructor": {"prototype": {"x": 1}}, "instances": []}', 400],
      ['a prototype key in an instance', `{"instances": [{"__proto__": {"x": 1}}]}`, 400],
      ['not JSON', '{"instances": [', 400],
      ['JSON that is not an object', '[1, 2, 3]', 400],
      ['no instances', '{"inputs": {"a": [1]}}', 400],
      ['instances that are not a list', '{"instances": {"a": 1}}', 400],
      ['too many instances', JSON.stringify({ instances: Array(51).fill(instance()) }), 400],
      ['deep nesting', deep, 400],
      ['a number past float range', `{"instances": [{"age, years": 1e999}]}`, 400],
      ['a key that is not text', JSON.stringify({ instances: [instance()], key: 7 }), 400],
      [
        'a key header too long',
        JSON.stringify({ instances: [instance()] }),
        400,
        { 'x-mlops-key': 'k'.repeat(300) },
      ],
      [
        'a body over the limit',
        JSON.stringify({ instances: [instance({ comment: 'x'.repeat(70_000) })] }),
        413,
      ],
      ['plain text', 'instances', 400, { 'content-type': 'text/plain' }],
      ['another media type', '<x/>', 415, { 'content-type': 'application/xml' }],
    ];
    for (const [what, body, status, headers] of cases) {
      const answer = await send(url, body, headers);
      expect([what, answer.status]).toEqual([what, status]);
      expect(typeof answer.body.error).toBe('string');
    }
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect((await get('/healthz')).status).toBe(200);
    expect((await predict(url, [instance()])).status).toBe(200);
  });

  test('what is not served is a 404 saying what is', async () => {
    const cases: [string, string][] = [
      ['/v1/models/wages:predict', 'model "wages" is not served here; served: churn'],
      ['/v1/models/churn/versions/9.9.9:predict', 'served versions: 0.1.0, 0.2.0, 0.3.0'],
      ['/v1/models/churn/labels/canary:predict', 'stages: production (v0.1.0), staging (v0.2.0)'],
      ['/v1/models/churn:classify', 'only :predict is served'],
      ['/v1/models/churn', 'expected POST /v1/models/NAME'],
      ['/v1/models/churn/labels/__proto__:predict', 'churn has no version in stage "__proto__"'],
      ['/v1/models/churn/labels/constructor:predict', 'churn has no version in stage'],
      ['/v1/models/__proto__:predict', 'model "__proto__" is not served'],
    ];
    for (const [url, message] of cases) {
      const answer = await predict(url, [instance()]);
      expect([url, answer.status]).toEqual([url, 404]);
      expect(answer.body.error).toContain(message);
    }
    expect((await get('/v2/anything')).status).toBe(404);
  });
});

describe('status and metadata', () => {
  test('GET /v1/models/churn: every loaded version AVAILABLE with its stages, and the routes', async () => {
    const status = JSON.parse((await get('/v1/models/churn')).text) as {
      model_version_status: { version: string; state: string; labels: string[] }[];
      routes: unknown[];
    };
    expect(status.model_version_status).toEqual([
      expect.objectContaining({ version: '0.1.0', state: 'AVAILABLE', labels: ['production'] }),
      expect.objectContaining({ version: '0.2.0', state: 'AVAILABLE', labels: ['staging'] }),
      expect.objectContaining({ version: '0.3.0', state: 'AVAILABLE', labels: [] }),
    ]);
    expect(status.routes).toEqual([
      { ...ROUTES[0], version: '0.1.0' },
      { ...ROUTES[1], version: '0.3.0' },
    ]);
    const one = JSON.parse((await get('/v1/models/churn/versions/0.2.0')).text) as typeof status;
    expect(one.model_version_status.map((v) => v.version)).toEqual(['0.2.0']);
  });

  test('GET …/metadata: the features to send with their kinds, the label and classes', async () => {
    const meta = JSON.parse((await get('/v1/models/churn/metadata')).text) as {
      model_spec: { name: string; version: string };
      metadata: {
        task: string;
        label: string;
        classes: string[];
        features: { name: string; kind: string; required: boolean }[];
      };
    };
    // Without a version: the champion (the heaviest route).
    expect(meta.model_spec).toMatchObject({ name: 'churn', version: '0.1.0' });
    expect(meta.metadata).toMatchObject({
      task: 'binary',
      label: 'target label',
      classes: ['no', 'yes'],
    });
    expect(meta.metadata.features.map((f) => [f.name, f.kind])).toEqual([
      ['Annual Income ($)', 'numeric'],
      ['age, years', 'numeric'],
      ['city', 'categorical'],
      ['member?', 'boolean'],
      ['signup date', 'date'],
      ['comment', 'text'],
    ]);
    const pinned = JSON.parse(
      (await get('/v1/models/churn/versions/0.3.0/metadata')).text,
    ) as typeof meta;
    expect(pinned.model_spec.version).toBe('0.3.0');
    expect((await get('/v1/models/churn/versions/7.0.0/metadata')).status).toBe(404);
  });

  test('health and readiness', async () => {
    expect(await get('/healthz')).toEqual({ status: 200, text: '{"status":"ok"}' });
    expect(await get('/readyz')).toEqual({ status: 200, text: '{"status":"ready"}' });
  });
});

describe('operations', () => {
  test('past max_in_flight, a predict request gets 503 with Retry-After at once', async () => {
    const slow = [slowUpload(), slowUpload()];
    await until(async () => /mlops_in_flight_requests 2\b/.test((await get('/metrics')).text));
    const shed = await predict('/v1/models/churn:predict', [instance()]);
    expect(shed.status).toBe(503);
    expect(shed.headers.get('retry-after')).toBe('1');
    expect(shed.body.error).toContain('over 2 requests in flight');
    // The slow uploads finish and are answered; their slots free up.
    expect((await Promise.all(slow.map((upload) => upload.finish()))).map((a) => a.status)).toEqual(
      [200, 200],
    );
    await until(async () => /mlops_in_flight_requests 0\b/.test((await get('/metrics')).text));
    expect((await predict('/v1/models/churn:predict', [instance()])).status).toBe(200);
  });

  test('a request still unanswered after timeout_ms gets 504 and frees its slot', async () => {
    const stuck = slowUpload();
    expect(await stuck.answer).toEqual({ status: 504 });
    stuck.abort();
    await until(async () => /mlops_in_flight_requests 0\b/.test((await get('/metrics')).text));
  });

  test('/metrics counts requests by model, version and status, and latency per version', async () => {
    const text = (await get('/metrics')).text;
    for (const [version, count] of answered) {
      expect(text).toContain(
        `mlops_requests_total{api="rest",model="churn",version="${version}",status="200"} ${count}`,
      );
      expect(text).toMatch(
        new RegExp(
          `mlops_request_duration_seconds_count\\{api="rest",model="churn",version="${version.replace(/\./g, '\\.')}"\\} \\d+`,
        ),
      );
    }
    expect(text).toMatch(
      /mlops_requests_total\{api="rest",model="churn",version="0\.1\.0",status="400"\} \d+/,
    );
    // Unknown models are counted under no model: a URL cannot make a new series.
    expect(text).toMatch(/mlops_requests_total\{api="rest",model="",version="",status="404"\} 8/);
    expect(text).not.toContain('wages');
    expect(text).toContain(
      'mlops_model_version_loaded{model="churn",version="0.1.0",stages="production"} 1',
    );
    expect(text).toContain('mlops_models_loaded 1');
    // prom-client's default process metrics come along.
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
  });

  test('a model whose outputs are NaN is answered with null scores, as JSON writes NaN', async () => {
    // A second server in the same process: its metrics live in a registry of its own.
    const served = await loadBundleVersion({ fs: nodeFileSystem }, repo.bundle);
    const { model } = served.loaded;
    model.setWeights(model.getWeights().map((weights) => tf.fill(weights.shape, NaN)));
    const core = new ServingCore();
    core.swap(singleVersionSet(served));
    const metrics = new ServingMetrics();
    const app = buildHttpApi({
      core,
      metrics,
      // Never written: the test sends no feedback.
      feedback: openJsonlLog({
        file: path.join(repo.dir, 'unused.jsonl'),
        maxBytes: 1024,
        keep: 1,
        onError: () => {},
      }),
      settings: DEFAULT_SERVING.server,
      log: { write: () => {}, level: 'info' },
      accepting: () => true,
    });
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const answer = await fetch(`${url}/v1/models/churn:predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ instances: [instance(), instance()] }),
      });
      expect(answer.status).toBe(200);
      const body = (await answer.json()) as { predictions: { score: unknown }[] };
      expect(body.predictions.map((p) => p.score)).toEqual([null, null]);
      expect(await metrics.render(core)).toMatch(
        /^mlops_requests_total\{api="rest",model="churn",version="unregistered",status="200"\} 1$/m,
      );
    } finally {
      await app.close();
      core.close();
    }
  });

  test('feedback is appended and joins predictions by id; a graceful stop flushes both logs', async () => {
    const scored = await predict('/v1/models/churn/versions/0.2.0:predict', [
      instance(),
      instance(),
    ]);
    const [first, second] = scored.body.predictions as { id: string }[];
    const one = await send('/v1/feedback', JSON.stringify({ id: first?.id, label: 'yes' }));
    expect(one.body).toEqual({ accepted: 1 });
    const list = await send(
      '/v1/feedback',
      JSON.stringify([
        { id: second?.id, label: 'no' },
        { id: 'order-42', label: true },
      ]),
    );
    expect(list.body).toEqual({ accepted: 2 });
    for (const bad of [
      { id: 'x' },
      { id: 'x', label: { nested: 1 } },
      { id: 'x', label: 'yes', extra: 1 },
      { id: '', label: 'yes' },
      [],
    ]) {
      const refused = await send('/v1/feedback', JSON.stringify(bad));
      expect([JSON.stringify(bad), refused.status]).toEqual([JSON.stringify(bad), 400]);
    }
    const outcome = await server.stop();
    expect(outcome.models).toEqual(['churn']);
    const predictions = lines(path.join(server.logDir, 'predictions.jsonl')).map((line) =>
      predictionRecordSchema.parse(line),
    );
    // Every instance answered with 200 was logged before the stop returned.
    const servedInstances = [...answered.values()].reduce((a, b) => a + b, 0);
    expect(predictions.length).toBeGreaterThanOrEqual(servedInstances);
    const feedback = lines(path.join(server.logDir, 'feedback.jsonl')).map((line) =>
      feedbackRecordSchema.parse(line),
    );
    expect(feedback.map((f) => [f.id, f.label])).toEqual([
      [first?.id, 'yes'],
      [second?.id, 'no'],
      ['order-42', true],
    ]);
    const byId = new Map<string, PredictionRecord>(predictions.map((p) => [p.id, p]));
    const joined = feedback.flatMap((f) => {
      const p = byId.get(f.id);
      return p ? [{ version: p.version, inputs: p.inputs, truth: f.label }] : [];
    });
    expect(joined).toHaveLength(2);
    expect(joined[0]).toMatchObject({ version: '0.2.0', truth: 'yes', inputs: { city: 'Porto' } });
    // Stopped: nothing listens any more.
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});

function lines(file: string): unknown[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
}

/** A predict request whose body arrives in two parts: it holds a slot until `finish`. */
function slowUpload(): {
  answer: Promise<{ status: number }>;
  finish: () => Promise<{ status: number }>;
  abort: () => void;
} {
  const body = Buffer.from(JSON.stringify({ instances: [instance()] }));
  const { port } = server;
  let settle: (answer: { status: number }) => void = () => {};
  const answer = new Promise<{ status: number }>((resolve) => {
    settle = resolve;
  });
  const request = http.request(
    {
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/v1/models/churn/versions/0.1.0:predict',
      headers: { 'content-type': 'application/json', 'content-length': body.length },
      agent: false,
    },
    (response) => {
      response.resume();
      response.on('end', () => {
        if (response.statusCode === 200) answered.set('0.1.0', (answered.get('0.1.0') ?? 0) + 1);
        settle({ status: response.statusCode ?? 0 });
      });
    },
  );
  request.write(body.subarray(0, 10));
  return {
    answer,
    finish: () => {
      request.end(body.subarray(10));
      return answer;
    },
    abort: () => request.destroy(),
  };
}

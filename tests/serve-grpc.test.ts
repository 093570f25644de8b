/**
 * The gRPC API of `mlops serve` on 127.0.0.1, next to the REST API of the same server: predict by
 * version, stage and sticky key answers what REST answers; refusals carry the gRPC status the
 * problem deserves (INVALID_ARGUMENT naming the instance and the field, NOT_FOUND,
 * RESOURCE_EXHAUSTED for the shared concurrency limit and the message size); hostile bytes do not
 * stop it; status and metadata match REST's; the prediction log and /metrics get the gRPC calls;
 * the standard health service says SERVING, NOT_SERVING while loading or stopping, NOT_FOUND for
 * a model not served; and a stop lets a call in flight finish, tells watchers NOT_SERVING and ends
 * their streams, then cuts a call that never completes.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  credentials,
  makeGenericClientConstructor,
  Metadata,
  status as Status,
  type Client,
  type ClientReadableStream,
  type ServiceDefinition,
  type ServiceError,
} from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import path from 'node:path';
import { nodeFileSystem } from '../src/adapters/fs.js';
import { loadBundleVersion } from '../src/serve/bundle-cache.js';
import { ServingCore, singleVersionSet } from '../src/serve/core.js';
import { FIELD_TRAILER, INSTANCE_TRAILER, startGrpcApi } from '../src/serve/grpc.js';
import { loadServingProto } from '../src/serve/grpc-proto.js';
import { jsonToStruct, structToJson, type ProtoStruct } from '../src/serve/grpc-struct.js';
import { predictionRecordSchema } from '../src/serve/log-format.js';
import { ServingMetrics } from '../src/serve/metrics.js';
import { DEFAULT_SERVING } from '../src/serve/serving-config.js';
import { startServer, type RunningServer } from '../src/serve/server.js';
import {
  instance,
  promote,
  registerAgain,
  servingContext,
  servingRepo,
  until,
  type ServingRepo,
} from './support/serving.js';

const SERVING = {
  models: {
    churn: {
      routes: [
        { ref: 'churn#production', weight: 50 },
        { ref: 'churn@v0.2.0', weight: 50 },
      ],
    },
  },
  // The stop's grace period is timeout_ms: a call that never completes is cut after 1 s.
  server: { max_in_flight: 2, max_body_bytes: 65_536, max_instances: 50, timeout_ms: 1000 },
};
const PREDICT = '/mlops.serving.v1.PredictionService/Predict';

const proto = loadServingProto();
let repo: ServingRepo;
let server: RunningServer;
let prediction: Client;
let models: Client;
let health: Client;

type Message = Record<string, unknown>;
interface Outcome {
  response?: Message;
  error?: ServiceError;
  requestId?: string;
}

/** Calls `method` of `client`; the answer or the error, and the x-request-id it was sent. */
function rpc(
  client: Client,
  method: string,
  request: Message,
  headers: Record<string, string> = {},
): Promise<Outcome> {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(headers)) metadata.set(key, value);
  const unary = (client as unknown as Record<string, UnaryMethod>)[method];
  if (!unary) throw new Error(`no method ${method}`);
  return new Promise((resolve) => {
    let requestId: string | undefined;
    const call = unary.call(client, request, metadata, (error, response) =>
      resolve(error ? { error, requestId } : { response, requestId }),
    );
    call.on('metadata', (sent: Metadata) => {
      requestId = sent.get('x-request-id')[0] as string | undefined;
    });
  });
}

type UnaryMethod = (
  request: Message,
  metadata: Metadata,
  callback: (error: ServiceError | null, response?: Message) => void,
) => NodeJS.EventEmitter;

/** A client of one of the .proto's services. */
function client(service: string): Client {
  const definition = proto[`mlops.serving.v1.${service}`] as ServiceDefinition;
  const Constructor = makeGenericClientConstructor(definition, service);
  return new Constructor(server.grpcAddress ?? '', credentials.createInsecure());
}

/** A client of grpc.health.v1.Health at `address`. */
function healthClient(address: string): Client {
  const definition = healthService as unknown as ServiceDefinition;
  const Constructor = makeGenericClientConstructor(definition, 'Health');
  return new Constructor(address, credentials.createInsecure());
}

/** Health's Check of `service`: its status, or the error's code. */
async function check(client: Client, service: string): Promise<string | Status | undefined> {
  const { response, error } = await rpc(client, 'Check', { service });
  return error ? error.code : (response?.status as string);
}

/** Health's Watch of `service`: the statuses received so far, and the code the stream ends with. */
function watch(client: Client, service: string): { statuses: string[]; ended: Promise<Status> } {
  const start = (
    client as unknown as Record<string, (request: Message) => ClientReadableStream<Message>>
  ).Watch;
  const call = start?.call(client, { service });
  if (!call) throw new Error('no method Watch');
  const statuses: string[] = [];
  call.on('data', (message: Message) => statuses.push(message.status as string));
  call.on('error', () => {});
  const ended = new Promise<Status>((resolve) =>
    call.on('status', (status: { code: Status }) => resolve(status.code)),
  );
  return { statuses, ended };
}

const spec = (choice: Message = {}) => ({ model_spec: { name: 'churn', ...choice } });

/** Predict over gRPC with raw instances, sent as Structs. */
const predict = (request: Message, instances: unknown[], headers?: Record<string, string>) =>
  rpc(
    prediction,
    'Predict',
    { ...request, instances: instances.map((i) => jsonToStruct(i as Message)) },
    headers,
  );

/** Predict over REST, for the same answer. */
async function restPredict(
  url: string,
  instances: unknown[],
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${server.url}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ instances }),
  });
  return (await response.json()) as Message & { predictions: Message[] };
}

const restGet = async (url: string) =>
  (await (await fetch(`${server.url}${url}`)).json()) as Message;

/** The predictions of a gRPC answer as JSON, without their ids (which hold the request id). */
const answers = (response: Message | undefined) =>
  ((response?.predictions ?? []) as ProtoStruct[]).map((p) => {
    const { id: _id, ...rest } = structToJson(p);
    return rest;
  });
const withoutIds = (predictions: Message[]) => predictions.map(({ id: _id, ...rest }) => rest);

beforeAll(async () => {
  repo = await servingRepo();
  await registerAgain(repo, '0.2.0');
  await promote(repo, '0.1.0', 'production');
  await promote(repo, '0.2.0', 'staging');
  writeFileSync(path.join(repo.dir, 'serving.json'), JSON.stringify(SERVING));
  server = await startServer(await servingContext(repo.dir), {
    names: [],
    port: 0,
    grpcPort: 0,
    host: '127.0.0.1',
    serving: { file: path.join(repo.dir, 'serving.json'), required: true },
  });
  prediction = client('PredictionService');
  models = client('ModelService');
  health = healthClient(server.grpcAddress ?? '');
}, 60_000);

describe('Predict', () => {
  const rows = [instance(), instance({ city: 'Lisbon', 'age, years': 23, 'member?': false })];

  test('by version: the same predictions as REST, the version that answered, the request id', async () => {
    const { response, requestId } = await predict(spec({ version: '0.2.0' }), rows, {
      'x-request-id': 'grpc-order-7',
    });
    expect(response).toMatchObject({
      model_spec: { name: 'churn', version: '0.2.0' },
      request_id: 'grpc-order-7',
    });
    // Pinned: no route (proto3's default, which a client may receive as absent).
    expect(response?.route ?? '').toBe('');
    expect(requestId).toBe('grpc-order-7');
    const ids = ((response?.predictions ?? []) as ProtoStruct[]).map((p) => structToJson(p).id);
    expect(ids).toEqual(['grpc-order-7/0', 'grpc-order-7/1']);
    const rest = await restPredict('/v1/models/churn/versions/0.2.0:predict', rows);
    expect(answers(response)).toEqual(withoutIds(rest.predictions));
    const withV = await predict(spec({ version: 'v0.2.0' }), rows);
    expect(withV.response?.model_spec).toMatchObject({ name: 'churn', version: '0.2.0' });
  });

  test('by stage (version_label): production and staging, as REST answers', async () => {
    for (const [stage, version] of [
      ['production', '0.1.0'],
      ['staging', '0.2.0'],
    ] as const) {
      const { response } = await predict(spec({ version_label: stage }), rows);
      expect(response).toMatchObject({
        model_spec: { name: 'churn', version },
        route: `churn#${stage}`,
      });
      const rest = await restPredict(`/v1/models/churn/labels/${stage}:predict`, rows);
      expect(answers(response)).toEqual(withoutIds(rest.predictions));
    }
  });

  test('the A/B key (x-mlops-key metadata or the key field) lands where REST sends it', async () => {
    const seen = new Set<unknown>();
    for (let i = 0; i < 12; i++) {
      const key = `user-${i}`;
      const rest = await restPredict('/v1/models/churn:predict', rows, { 'x-mlops-key': key });
      const byHeader = await predict(spec(), rows, { 'x-mlops-key': key });
      const byField = await predict({ ...spec(), key }, rows);
      for (const { response } of [byHeader, byField]) {
        expect(response?.model_spec).toMatchObject({ name: 'churn', version: rest.model_version });
        expect(response?.route).toBe(rest.route);
      }
      seen.add(rest.model_version);
    }
    expect([...seen].sort()).toEqual(['0.1.0', '0.2.0']);
  });
});

describe('refusals', () => {
  test.each([
    ['text for a number', [instance(), instance({ 'age, years': 'forty' })], 1, 'age, years'],
    ['an unknown field', [instance({ agee: 3 })], 0, 'agee'],
    ['a prototype key', [{ ...instance(), ['__proto__']: 1 }], 0, '__proto__'],
    ['a required feature left out', [instance({ city: undefined })], 0, 'city'],
    ['a nested object', [instance({ comment: { $where: 1 } })], 0, 'comment'],
    ['a list', [instance({ city: ['Porto'] })], 0, 'city'],
  ])(
    '%s: INVALID_ARGUMENT naming the instance and the field',
    async (_what, rows, index, field) => {
      const { error } = await predict(spec({ version: '0.1.0' }), rows);
      expect(error?.code).toBe(Status.INVALID_ARGUMENT);
      expect(error?.details).toContain(`instances[${index}].${JSON.stringify(field)}: `);
      expect(error?.metadata.get(INSTANCE_TRAILER)).toEqual([String(index)]);
      expect((error?.metadata.get(FIELD_TRAILER)[0] as Buffer).toString()).toBe(field);
    },
  );

  test('a bad request as a whole: INVALID_ARGUMENT saying what', async () => {
    const cases: [string, Message, string][] = [
      ['no instances', spec({ version: '0.2.0' }), 'instances: the list is empty'],
      ['no model', { instances: [jsonToStruct(instance())] }, 'model_spec.name: missing'],
      [
        'too many instances',
        { ...spec({ version: '0.2.0' }), instances: Array(51).fill(jsonToStruct(instance())) },
        'more than the 50 a request may have',
      ],
      [
        'a key too long',
        { ...spec(), key: 'k'.repeat(300), instances: [jsonToStruct(instance())] },
        'key: expected at most 256 characters',
      ],
    ];
    for (const [what, request, message] of cases) {
      const { error } = await rpc(prediction, 'Predict', request);
      expect([what, error?.code]).toEqual([what, Status.INVALID_ARGUMENT]);
      expect(error?.details).toContain(message);
    }
  });

  test('what is not served: NOT_FOUND saying what is', async () => {
    const cases: [Message, string][] = [
      [{ model_spec: { name: 'wages' } }, 'model "wages" is not served here; served: churn'],
      [spec({ version: '9.9.9' }), 'served versions: 0.1.0, 0.2.0'],
      [spec({ version_label: 'canary' }), 'stages: production (v0.1.0), staging (v0.2.0)'],
      [spec({ version_label: '__proto__' }), 'churn has no version in stage "__proto__"'],
    ];
    for (const [request, message] of cases) {
      const { error } = await predict(request, [instance()]);
      expect([message, error?.code]).toEqual([message, Status.NOT_FOUND]);
      expect(error?.details).toContain(message);
    }
    const status = await rpc(models, 'GetModelStatus', { model_spec: { name: 'wages' } });
    expect(status.error?.code).toBe(Status.NOT_FOUND);
  });

  test('past max_in_flight (REST and gRPC together), Predict gets RESOURCE_EXHAUSTED at once', async () => {
    const held = [holdRestSlot(), holdRestSlot()];
    await until(async () => /mlops_in_flight_requests 2\b/.test(await metricsText()));
    const { error } = await predict(spec(), [instance()]);
    expect(error?.code).toBe(Status.RESOURCE_EXHAUSTED);
    expect(error?.details).toContain('over 2 requests in flight');
    for (const release of held) release();
    await until(async () => /mlops_in_flight_requests 0\b/.test(await metricsText()));
    expect((await predict(spec(), [instance()])).response).toBeDefined();
  });

  test('a message over max_body_bytes: RESOURCE_EXHAUSTED; hostile bytes: an error; it keeps serving', async () => {
    const big = await predict(spec(), [instance({ comment: 'x'.repeat(70_000) })]);
    expect(big.error?.code).toBe(Status.RESOURCE_EXHAUSTED);
    for (const bytes of [truncated(), nested(500)]) {
      const raw = rawCall(bytes);
      raw.finish();
      expect(await raw.result).toEqual({ status: Status.INTERNAL, answered: false });
    }
    expect((await predict(spec(), [instance()])).response).toBeDefined();
  });
});

describe('status and metadata', () => {
  test('GetModelStatus: what REST answers, for a model, a version and a stage', async () => {
    const all = await rpc(models, 'GetModelStatus', spec());
    expect(all.response).toEqual(await restGet('/v1/models/churn'));
    expect(all.response?.model_version_status).toEqual([
      expect.objectContaining({ version: '0.1.0', state: 'AVAILABLE', labels: ['production'] }),
      expect.objectContaining({ version: '0.2.0', state: 'AVAILABLE', labels: ['staging'] }),
    ]);
    const staging = await rpc(models, 'GetModelStatus', spec({ version_label: 'staging' }));
    expect(staging.response).toEqual(await restGet('/v1/models/churn/versions/0.2.0'));
  });

  test('GetModelMetadata: the model spec and tag, and REST metadata as a Struct', async () => {
    const { response } = await rpc(prediction, 'GetModelMetadata', spec({ version: '0.2.0' }));
    const rest = (await restGet('/v1/models/churn/versions/0.2.0/metadata')) as {
      model_spec: Message;
      metadata: Message;
    };
    expect(response?.model_spec).toMatchObject({ name: 'churn', version: '0.2.0' });
    expect(response?.tag).toBe('churn@v0.2.0');
    expect(structToJson(response?.metadata as ProtoStruct)).toEqual(rest.metadata);
  });
});

describe('health (grpc.health.v1.Health)', () => {
  test('Check: SERVING for the server, its services and each served model; NOT_FOUND for others', async () => {
    for (const name of [
      '',
      'mlops.serving.v1.PredictionService',
      'mlops.serving.v1.ModelService',
      'churn',
    ]) {
      expect(await check(health, name)).toBe('SERVING');
    }
    expect(await check(health, 'wages')).toBe(Status.NOT_FOUND);
  });

  test('NOT_SERVING while loading, SERVING once loaded, NOT_SERVING for a model dropped; a stop ends each Watch', async () => {
    const core = new ServingCore();
    const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
    const api = await startGrpcApi({
      core,
      metrics: new ServingMetrics(),
      settings: DEFAULT_SERVING.server,
      log: quiet,
      host: '127.0.0.1',
      port: 0,
      accepting: () => true,
    });
    const loading = healthClient(api.address);
    try {
      expect(await check(loading, '')).toBe('NOT_SERVING');
      const overall = watch(loading, '');
      const churn = watch(loading, 'churn');
      await until(() => overall.statuses.length + churn.statuses.length === 2, 'first statuses');
      expect([overall.statuses, churn.statuses]).toEqual([['NOT_SERVING'], ['SERVICE_UNKNOWN']]);
      // The first load, then a reload that serves another model in its place.
      const load = (name: string) =>
        loadBundleVersion({ fs: nodeFileSystem }, repo.bundle, {
          name,
          version: '0.1.0',
          tag: `${name}@v0.1.0`,
        });
      core.swap(singleVersionSet(await load('churn')));
      api.refreshHealth();
      expect(await check(loading, 'churn')).toBe('SERVING');
      core.swap(singleVersionSet(await load('wages')));
      api.refreshHealth();
      expect(await check(loading, 'wages')).toBe('SERVING');
      expect(await check(loading, 'churn')).toBe('NOT_SERVING');
      await api.stop();
      // Each Watch heard every change, then its stream ended: the stop did not wait on it.
      expect(await overall.ended).toBe(Status.OK);
      expect(await churn.ended).toBe(Status.OK);
      expect(overall.statuses).toEqual(['NOT_SERVING', 'SERVING', 'NOT_SERVING']);
      expect(churn.statuses).toEqual(['SERVICE_UNKNOWN', 'SERVING', 'NOT_SERVING']);
    } finally {
      loading.close();
      core.close();
    }
  });
});

describe('operations', () => {
  // Here, not at the top level, where hooks run after tests/support/cleanup.ts removed the
  // repository. The last test stops the server; this only covers a failure before it.
  afterAll(async () => {
    prediction.close();
    models.close();
    health.close();
    if (server.core.ready) await server.stop();
  });

  test('/metrics counts gRPC predict calls under api="grpc" with their status', async () => {
    const text = await metricsText();
    expect(text).toMatch(
      /mlops_requests_total\{api="grpc",model="churn",version="0\.2\.0",status="OK"\} \d+/,
    );
    expect(text).toMatch(
      /mlops_requests_total\{api="grpc",model="churn",version="0\.1\.0",status="INVALID_ARGUMENT"\} 6/,
    );
    expect(text).toMatch(
      /mlops_requests_total\{api="grpc",model="",version="",status="INVALID_ARGUMENT"\} 2/,
    );
    expect(text).toMatch(
      /mlops_requests_total\{api="grpc",model="",version="",status="NOT_FOUND"\} 4/,
    );
    expect(text).toMatch(
      /mlops_request_duration_seconds_count\{api="grpc",model="churn",version="0\.1\.0"\} \d+/,
    );
    expect(text).not.toContain('wages');
  });

  test('a stop answers the call in flight, cuts one that never completes, and flushes the log', async () => {
    const inFlight = rawCall(
      predictBytes({ ...spec({ version: '0.1.0' }), instances: [instance()] }),
      {
        'x-request-id': 'in-flight-at-stop',
      },
    );
    const neverDone = rawCall(Buffer.alloc(0));
    await Promise.all([inFlight.opened, neverDone.opened]);
    const watching = watch(health, 'churn');
    await until(() => watching.statuses.length === 1, 'the Watch');
    const stopped = server.stop();
    // The server has begun its shutdown (it sent GOAWAY) when the call's message arrives.
    await inFlight.goaway;
    inFlight.finish();
    expect(await inFlight.result).toEqual({ status: Status.OK, answered: true });
    // The stop completes: the never-finished call is cut after the grace period.
    await stopped;
    expect((await neverDone.result).status).not.toBe(Status.OK);
    const logged = readFileSync(path.join(server.logDir, 'predictions.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => predictionRecordSchema.parse(JSON.parse(line)));
    const byRequest = (id: string) => logged.filter((record) => record.requestId === id);
    expect(byRequest('grpc-order-7').map((r) => [r.id, r.version])).toEqual([
      ['grpc-order-7/0', '0.2.0'],
      ['grpc-order-7/1', '0.2.0'],
    ]);
    expect(byRequest('grpc-order-7')[1]?.inputs).toMatchObject({
      city: 'Lisbon',
      'age, years': 23,
    });
    expect(byRequest('in-flight-at-stop').map((r) => r.version)).toEqual(['0.1.0']);
    const after = await predict(spec(), [instance()]);
    expect(after.error?.code).toBe(Status.UNAVAILABLE);
    // Health turned NOT_SERVING as the stop began, and the Watch ended with the server.
    expect(watching.statuses).toEqual(['SERVING', 'NOT_SERVING']);
    expect(await watching.ended).toBe(Status.OK);
  });
});

async function metricsText(): Promise<string> {
  return (await fetch(`${server.url}/metrics`)).text();
}

/** A REST predict request whose body never completes: it holds a slot until released. */
function holdRestSlot(): () => void {
  const request = http.request({
    host: '127.0.0.1',
    port: server.port,
    method: 'POST',
    path: '/v1/models/churn:predict',
    headers: { 'content-type': 'application/json', 'content-length': 1000 },
    agent: false,
  });
  request.on('error', () => {});
  request.write('{"instances"');
  return () => request.destroy();
}

/** A PredictRequest as the client library serializes it. */
function predictBytes(request: { instances: Message[] } & Message): Buffer {
  const type = proto['mlops.serving.v1.PredictRequest'] as { serialize: (m: object) => Buffer };
  return type.serialize({ ...request, instances: request.instances.map(jsonToStruct) });
}

/** A message whose length prefix runs past its end. */
const truncated = () => Buffer.from([0x12, 0xff, 0xff, 0xff, 0x0f, 0x01]);

/** A PredictRequest whose one instance nests `depth` Structs: past protobufjs's recursion limit. */
function nested(depth: number): Buffer {
  const field = (number: number, bytes: Buffer) =>
    Buffer.concat([varint((number << 3) | 2), varint(bytes.length), bytes]);
  // Struct { fields: { "a": value } }
  const struct = (value: Buffer) =>
    field(1, Buffer.concat([field(1, Buffer.from('a')), field(2, value)]));
  let value = Buffer.from([0x20, 0x01]); // Value { bool_value: true }
  for (let i = 0; i < depth; i++) value = field(5, struct(value)); // Value { struct_value }
  return field(2, struct(value)); // PredictRequest { instances: [struct] }
}

function varint(n: number): Buffer {
  const bytes: number[] = [];
  while (n > 0x7f) {
    bytes.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  bytes.push(n);
  return Buffer.from(bytes);
}

/**
 * A unary call over plain HTTP/2, as gRPC frames it, whose message is sent only on `finish`: a
 * call the server has open but not yet read. `opened` settles once the server has its headers (a
 * ping sent after them came back); the result is the grpc-status and whether a message came back.
 */
function rawCall(
  message: Buffer,
  headers: Record<string, string> = {},
): {
  opened: Promise<void>;
  goaway: Promise<void>;
  finish: () => void;
  result: Promise<{ status: number; answered: boolean }>;
} {
  const session = http2.connect(`http://${server.grpcAddress}`);
  session.on('error', () => {});
  const stream = session.request({
    ':method': 'POST',
    ':path': PREDICT,
    'content-type': 'application/grpc',
    te: 'trailers',
    ...headers,
  });
  let answered = false;
  let status = -1;
  const opened = new Promise<void>((resolve) =>
    stream.once('ready', () => session.ping(() => resolve())),
  );
  const goaway = new Promise<void>((resolve) => session.once('goaway', () => resolve()));
  // A status without a message comes in the headers (trailers-only).
  stream.on('response', (head) => {
    if (head['grpc-status'] !== undefined) status = Number(head['grpc-status']);
  });
  stream.on('data', () => (answered = true));
  stream.on('trailers', (trailers) => (status = Number(trailers['grpc-status'])));
  stream.on('error', () => {});
  const result = new Promise<{ status: number; answered: boolean }>((resolve) =>
    stream.on('close', () => {
      session.close();
      resolve({ status, answered });
    }),
  );
  const prefix = Buffer.alloc(5);
  prefix.writeUInt32BE(message.length, 1);
  return {
    opened,
    goaway,
    finish: () => stream.end(Buffer.concat([prefix, message])),
    result,
  };
}
